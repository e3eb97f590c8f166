import { AsyncLocalStorage } from "node:async_hooks";
import { ForbiddenError, UnauthorizedError, type Message } from "./error";

/** Staff roles from MISSION.md; one person may hold several. */
export const roles = [
  "admin",
  "cs_specialist",
  "cs_supervisor",
  "after_sales",
  "project_manager",
  "engineering_head",
  "general_manager",
  "labour_admin",
  "finance",
  "marketing",
  "department",
] as const;
export type Role = (typeof roles)[number];

export const roleNames: Record<Role, Message> = {
  admin: { "zh-CN": "系统管理员", en: "Administrator" },
  cs_specialist: { "zh-CN": "客服专员", en: "Customer-service specialist" },
  cs_supervisor: { "zh-CN": "客服主管", en: "Customer-service supervisor" },
  after_sales: { "zh-CN": "售后服务人员", en: "After-sales engineer" },
  project_manager: { "zh-CN": "项目经理", en: "Project manager" },
  engineering_head: { "zh-CN": "工程部长", en: "Head of engineering" },
  general_manager: { "zh-CN": "总经理", en: "General manager" },
  labour_admin: { "zh-CN": "劳务管理员", en: "Labour administrator" },
  finance: { "zh-CN": "财务部", en: "Finance" },
  marketing: { "zh-CN": "营销中心", en: "Marketing" },
  department: { "zh-CN": "相关部门", en: "Department" },
};

export type Actor =
  | { type: "user"; properties: { userID: string; email: string; name: string; roles: Role[] } }
  | { type: "customer"; properties: { linkID: string; scope: "project" | "ticket" | "visit"; projectID: string; subjectID: string } }
  | { type: "system"; properties: { reason: string } }
  | { type: "public"; properties: Record<string, never> };

const storage = new AsyncLocalStorage<Actor>();

/** Runs `cb` with `actor` as the caller; domain code asks `use()` who is calling. */
export function provide<R>(actor: Actor, cb: () => R): R {
  return storage.run(actor, cb);
}

export function use(): Actor {
  return storage.getStore() ?? { type: "public", properties: {} };
}

export function system<R>(reason: string, cb: () => R): R {
  return provide({ type: "system", properties: { reason } }, cb);
}

/** The signed-in staff member, or 401. */
export function user() {
  const actor = use();
  if (actor.type !== "user") throw new UnauthorizedError();
  return actor.properties;
}

export function hasRole(...wanted: Role[]): boolean {
  const actor = use();
  if (actor.type === "system") return true;
  if (actor.type !== "user") return false;
  return wanted.some((r) => actor.properties.roles.includes(r));
}

/** Staff holding any of `wanted` (system work passes); 401 for anyone not signed in, 403 otherwise. */
export function assertRole(...wanted: Role[]) {
  const actor = use();
  if (actor.type === "system") return;
  if (actor.type !== "user") throw new UnauthorizedError();
  if (!wanted.some((r) => actor.properties.roles.includes(r))) throw new ForbiddenError();
}

/** Who to write into history entries. */
export function describe(): { type: Actor["type"]; id?: string; name?: string } {
  const actor = use();
  switch (actor.type) {
    case "user":
      return { type: "user", id: actor.properties.userID, name: actor.properties.name };
    case "customer":
      return { type: "customer", id: actor.properties.linkID };
    case "system":
      return { type: "system", name: actor.properties.reason };
    default:
      return { type: "public" };
  }
}
