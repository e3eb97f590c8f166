export * as Ticket from "./warranty/ticket";
export * as Claim from "./warranty/claim";
export * as Deposit from "./warranty/deposit";
export * as FollowUp from "./warranty/followup";
export * as RepairLink from "./warranty/repairlink";
export * as WarrantyReport from "./warranty/report";
export * as Deadline from "./warranty/deadline";
