import type { Role } from "../actor";

/**
 * The warranty area's words and who may do what, with no I/O: the domain modules enforce these
 * lists and the portal imports the same module to show only what a person may do.
 */
export { severities, type Severity } from "./deadline";

export const statuses = ["reported", "acknowledged", "dispatched", "on_site", "repaired", "accepted", "reopened", "closed"] as const;
export type Status = (typeof statuses)[number];
export const openStatuses: Status[] = ["reported", "acknowledged", "dispatched", "on_site", "reopened", "repaired"];
export const coverages = ["in_warranty", "expired", "not_our_cause"] as const;
export type Coverage = (typeof coverages)[number];
export const sources = ["customer_link", "phone", "complaint", "return_visit", "staff"] as const;
export type Source = (typeof sources)[number];

export const roles = {
  /** Read tickets. */
  ticketReaders: ["admin", "after_sales", "engineering_head", "general_manager", "project_manager", "cs_specialist", "cs_supervisor"],
  /** Acknowledge, classify, dispatch, record arrival and repair. */
  ticketActors: ["after_sales", "engineering_head"],
  ticketClosers: ["after_sales", "engineering_head", "cs_supervisor"],
  /** Open a ticket on a customer's behalf (phone call, complaint, return visit). */
  ticketOpeners: ["after_sales", "engineering_head", "cs_specialist", "cs_supervisor", "project_manager"],
  /** Approve or reject third-party repair claims. */
  claimDeciders: ["cs_supervisor", "engineering_head", "general_manager"],
  claimReaders: ["cs_supervisor", "engineering_head", "general_manager", "admin", "finance", "after_sales", "cs_specialist", "project_manager"],
  depositReaders: ["admin", "finance", "engineering_head", "general_manager", "cs_supervisor", "after_sales", "project_manager"],
  followUpReaders: ["admin", "after_sales", "engineering_head", "project_manager", "cs_specialist", "cs_supervisor", "general_manager"],
  followUpDoers: ["after_sales", "engineering_head"],
  reportReaders: ["admin", "engineering_head", "general_manager", "cs_supervisor", "after_sales", "project_manager", "finance"],
} as const satisfies Record<string, readonly Role[]>;
