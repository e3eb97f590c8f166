import { Actor, Clock, Customer, Project, RepairLink } from "@aftersales/core";
import { app } from "../src/api/app";
import { newClient, staff } from "./support";

/** A customer and a project (accepted a year ago unless told otherwise) with its repair link. */
export async function setupProject(options: { completionAcceptedOn?: string; depositFen?: number; agreedRepairDays?: number; name?: string } = {}) {
  return Actor.system("test", async () => {
    const customer = await Customer.create({ name: options.name ? `${options.name}业主` : "测试业主有限公司", kind: "owner" });
    const accepted = options.completionAcceptedOn ?? Clock.shanghaiDate(Clock.addDays(Clock.now(), -365));
    const project = await Project.create({
      customerID: customer.customerID,
      name: options.name ?? "测试大厦机电安装工程",
      completionAcceptedOn: accepted,
      depositFen: options.depositFen ?? 1_000_000,
      ...(options.agreedRepairDays ? { agreedRepairDays: options.agreedRepairDays } : {}),
    } as any);
    const { url } = await RepairLink.issue(project.projectID);
    return { customer, project, token: url.split("#")[1]! };
  });
}

export async function publicCall(method: string, path: string, token: string | undefined, body?: unknown, client = newClient()) {
  const headers: Record<string, string> = { "x-forwarded-for": client };
  if (token !== undefined) headers["x-link-token"] = token;
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await app.request(path, { method, headers, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: res.status, json };
}

export const repairInput = (over: Record<string, unknown> = {}) => ({
  description: "三楼男卫生间给水管接头漏水，地面已积水",
  location: "3F 男卫生间",
  category: "plumbing",
  urgency: "emergency",
  contact: { name: "刘物业", phone: "13800138000", email: `owner.${Math.random().toString(36).slice(2)}@example.test` },
  ...over,
});

/** The after-sales / engineering-head / general-manager chain, signed in. */
export async function escalationTeam() {
  const [engineer, head, gm] = await Promise.all([staff(["after_sales"]), staff(["engineering_head"]), staff(["general_manager"])]);
  return { engineer, head, gm };
}

/** Moves the business clock to the next given Shanghai wall-clock time (e.g. "23:30:00"). */
export function travelToShanghai(time: string) {
  let target = Clock.fromShanghai(Clock.shanghaiDate(), time);
  if (target <= Clock.now()) target = Clock.addDays(target, 1);
  Clock.travelTo(target);
  return target;
}
