import type { Role } from "./actor";

/**
 * Who may read and change customers, projects and settings — no I/O, so the portal imports the
 * same lists the domain enforces (the portal only hides; the API refuses).
 */
export const customerReaders = [
  "admin",
  "cs_specialist",
  "cs_supervisor",
  "after_sales",
  "project_manager",
  "engineering_head",
  "general_manager",
  "marketing",
  "finance",
] as const satisfies readonly Role[];
export const customerWriters = ["admin", "cs_specialist", "cs_supervisor"] as const satisfies readonly Role[];
export const projectWriters = ["admin", "cs_specialist", "cs_supervisor", "engineering_head", "project_manager"] as const satisfies readonly Role[];
export const settingsEditors = ["admin"] as const satisfies readonly Role[];
