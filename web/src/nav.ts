import type { Key, Role } from "./i18n";

/** Product areas of the staff portal. Flip `ready` when an area ships; until then the
 *  navigation and the dashboard show it as "coming soon" instead of a broken link. */
export interface Area {
  key: "warranty" | "visits" | "labour" | "reports" | "users" | "customers" | "settings";
  path: string; // locale-neutral, trailing slash
  label: Key;
  desc: Key;
  ready: boolean;
  /** Only shown to users holding one of these roles (undefined = every staff member). */
  roles?: Role[];
  icon: string; // inline SVG path data (24×24)
}

export const areas: Area[] = [
  { key: "warranty", path: "/portal/warranty/", label: "area.warranty", desc: "area.warranty.desc", ready: true,
    icon: "M12 2 4 5v6c0 5 3.4 9.4 8 11 4.6-1.6 8-6 8-11V5l-8-3Zm-1 13-3.5-3.5 1.4-1.4L11 12.2l4.6-4.6 1.4 1.4L11 15Z" },
  { key: "visits", path: "/portal/visits/", label: "area.visits", desc: "area.visits.desc", ready: false,
    icon: "M7 2v2H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2h-2V2h-2v2H9V2H7Zm-2 8h14v10H5V10Zm2 2v2h4v-2H7Z" },
  { key: "labour", path: "/portal/labour/", label: "area.labour", desc: "area.labour.desc", ready: false,
    icon: "M12 3a4 4 0 1 1 0 8 4 4 0 0 1 0-8Zm0 10c4.4 0 8 2 8 4.5V21H4v-3.5C4 15 7.6 13 12 13Z" },
  { key: "reports", path: "/portal/reports/", label: "area.reports", desc: "area.reports.desc", ready: true,
    icon: "M4 20V10h3v10H4Zm6 0V4h3v16h-3Zm6 0v-7h3v7h-3Z" },
  { key: "users", path: "/portal/users/", label: "area.users", desc: "area.users.desc", ready: true, roles: ["admin"],
    icon: "M9 4a3.5 3.5 0 1 1 0 7 3.5 3.5 0 0 1 0-7Zm7 1a3 3 0 1 1 0 6 3 3 0 0 1 0-6ZM9 13c3.9 0 7 1.8 7 4v3H2v-3c0-2.2 3.1-4 7-4Zm9 7v-3c0-1-.4-1.9-1.2-2.7 2.4.3 4.2 1.4 4.2 2.7v3h-3Z" },
  // Customers & projects: every staff member sees the entry (the API answers 403 to roles that
  // may not read customers, and the page says so). No `roles` here, because the dashboard labels
  // any area whose roles include "admin" as administrators-only.
  { key: "customers", path: "/portal/customers/", label: "customers.area", desc: "customers.area.desc", ready: true,
    icon: "M17 11V3H7v4H3v14h8v-4h2v4h8V11h-4ZM7 19H5v-2h2v2Zm0-4H5v-2h2v2Zm0-4H5V9h2v2Zm4 4H9v-2h2v2Zm0-4H9V9h2v2Zm0-4H9V5h2v2Zm4 8h-2v-2h2v2Zm0-4h-2V9h2v2Zm0-4h-2V5h2v2Zm4 12h-2v-2h2v2Zm0-4h-2v-2h2v2Z" },
  { key: "settings", path: "/portal/settings/", label: "settings.area", desc: "settings.area.desc", ready: true, roles: ["admin"],
    icon: "M19.1 12.9a7.3 7.3 0 0 0 0-1.8l2-1.6a.5.5 0 0 0 .1-.6l-1.9-3.3a.5.5 0 0 0-.6-.2l-2.4 1a7 7 0 0 0-1.6-.9l-.4-2.5a.5.5 0 0 0-.5-.4h-3.8a.5.5 0 0 0-.5.4l-.4 2.5a7 7 0 0 0-1.6.9l-2.4-1a.5.5 0 0 0-.6.2L2.7 8.9a.5.5 0 0 0 .1.6l2 1.6a7.3 7.3 0 0 0 0 1.8l-2 1.6a.5.5 0 0 0-.1.6l1.9 3.3c.1.2.4.3.6.2l2.4-1c.5.4 1 .7 1.6.9l.4 2.5c0 .2.3.4.5.4h3.8c.2 0 .5-.2.5-.4l.4-2.5c.6-.2 1.1-.5 1.6-.9l2.4 1c.2.1.5 0 .6-.2l1.9-3.3a.5.5 0 0 0-.1-.6l-2-1.6ZM12 15.6a3.6 3.6 0 1 1 0-7.2 3.6 3.6 0 0 1 0 7.2Z" },
];
