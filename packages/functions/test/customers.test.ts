import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { Customer, Project, Settings } from "@aftersales/core";
import { roles, type Role } from "@aftersales/core/actor";
import { asSystem } from "../../core/test/support";
import { call, staff } from "./support";

// Settings changed here go to this worker's own item (tests elsewhere rely on the defaults).
Settings.testing.useItem(`test-${randomBytes(6).toString("hex")}`);

const WAN = 1_000_000;
let seq = 0;
const number = () => `HT-${randomBytes(3).toString("hex")}-${++seq}`;

describe("customers and contracts over HTTP", () => {
  it("creates, lists, searches, edits and shows a customer with its contracts and projects", async () => {
    const { cookie, user } = await staff(["cs_specialist"]);
    const tag = randomBytes(4).toString("hex");
    const created = await call("POST", "/api/customers", {
      cookie,
      body: {
        name: `蓝海置业 ${tag}`,
        kind: "owner",
        address: "",
        contacts: [{ role: "chief_engineer", name: "周工", phone: "13912345678", email: "" }],
      },
    });
    expect(created.status).toBe(201);
    const customer = created.json.customer;
    expect(customer).toMatchObject({ name: `蓝海置业 ${tag}`, class: "D", cumulativeContractFen: 0, version: 1 });
    expect(customer).not.toHaveProperty("history");
    expect(customer).not.toHaveProperty("address");
    expect(customer.contacts).toEqual([{ role: "chief_engineer", name: "周工", phone: "13912345678" }]);

    const found = await call("GET", `/api/customers?q=${encodeURIComponent(tag.toUpperCase())}`, { cookie });
    expect(found.json.customers.map((c: any) => c.customerID)).toEqual([customer.customerID]);

    const patched = await call("PATCH", `/api/customers/${customer.customerID}`, { cookie, body: { notes: "年度大客户", version: 1 } });
    expect(patched.status).toBe(200);
    expect(patched.json.customer).toMatchObject({ notes: "年度大客户", version: 2 });
    const stale = await call("PATCH", `/api/customers/${customer.customerID}`, { cookie, body: { notes: "旧", version: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.json.error.code).toBe("customer.changed");

    // 199.99万 → D, then +100 RMB = 200万 → C
    const first = await call("POST", `/api/customers/${customer.customerID}/contracts`, {
      cookie,
      body: { number: number(), title: "一期机电", amountFen: 199_990_000, signedOn: "2024-04-01" },
    });
    expect(first.status).toBe(201);
    expect(first.json.customer).toMatchObject({ class: "D", cumulativeContractFen: 199_990_000 });
    const second = await call("POST", `/api/customers/${customer.customerID}/contracts`, {
      cookie,
      body: { number: number(), title: "零星", amountFen: 10_000, signedOn: "2024-04-02" },
    });
    expect(second.json.customer).toMatchObject({ class: "C", cumulativeContractFen: 200 * WAN });

    // 600万 exactly → B
    const raised = await call("PATCH", `/api/customers/${customer.customerID}/contracts/${first.json.contract.contractID}`, {
      cookie,
      body: { amountFen: 600 * WAN - 10_000, version: 1 },
    });
    expect(raised.status).toBe(200);
    expect(raised.json.contract).toMatchObject({ amountFen: 600 * WAN - 10_000, version: 2 });
    expect(raised.json.customer.class).toBe("B");

    // cancel → back to D (100 RMB left)
    const cancelled = await call("DELETE", `/api/customers/${customer.customerID}/contracts/${first.json.contract.contractID}?version=2`, { cookie });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json.contract.status).toBe("cancelled");
    expect(cancelled.json.customer).toMatchObject({ class: "D", cumulativeContractFen: 10_000 });

    await asSystem(() => Project.create({ customerID: customer.customerID, name: "蓝海一期" }));
    const detail = await call("GET", `/api/customers/${customer.customerID}`, { cookie });
    expect(detail.status).toBe(200);
    expect(detail.json.customer.class).toBe("D");
    expect(detail.json.contracts.map((c: any) => c.status)).toEqual(["active", "cancelled"]);
    expect(detail.json.contracts[0]).not.toHaveProperty("history");
    expect(detail.json.projects.map((p: any) => p.name)).toEqual(["蓝海一期"]);

    const stored = (await Customer.fromID(customer.customerID))!;
    expect(stored.history.map((h) => h.action)).toEqual([
      "customer.created",
      "customer.updated",
      "customer.reclassified",
      "customer.reclassified",
      "customer.reclassified",
    ]);
    expect(stored.history.every((h) => h.by.id === user.userID)).toBe(true);
  });

  it("answers validation errors field by field, 409 for a duplicate number, 404 for unknown ids", async () => {
    const { cookie } = await staff(["cs_supervisor"]);
    const bad = await call("POST", "/api/customers", { cookie, body: { name: "<img src=x onerror=alert(1)>", kind: "owner", contacts: [{ role: "operations", name: "x", phone: "555-1234" }] } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields.map((f: any) => f.field)).toEqual(["name", "contacts.0.phone"]);
    expect(bad.json.error.fields[0].message).toEqual({ "zh-CN": "不能包含 HTML 或脚本标记", en: "Must not contain HTML or script markup" });

    const customer = (await call("POST", "/api/customers", { cookie, body: { name: "编号测试", kind: "other" } })).json.customer;
    const n = number();
    const body = { number: n, title: "合同", amountFen: 100, signedOn: "2024-01-01" };
    expect((await call("POST", `/api/customers/${customer.customerID}/contracts`, { cookie, body })).status).toBe(201);
    const dup = await call("POST", `/api/customers/${customer.customerID}/contracts`, { cookie, body });
    expect(dup.status).toBe(409);
    expect(dup.json.error.code).toBe("contract.number_taken");
    const badContract = await call("POST", `/api/customers/${customer.customerID}/contracts`, {
      cookie,
      body: { number: "X", title: "x", amountFen: "100", signedOn: "2024-13-01" },
    });
    expect(badContract.json.error.fields.map((f: any) => f.field)).toEqual(["amountFen", "signedOn"]);

    expect((await call("GET", "/api/customers/nope", { cookie })).json.error.code).toBe("customer.not_found");
    expect((await call("PATCH", "/api/customers/nope", { cookie, body: { name: "x" } })).status).toBe(404);
    expect((await call("POST", "/api/customers/nope/contracts", { cookie, body: { ...body, number: "N" } })).status).toBe(404);
    expect((await call("DELETE", `/api/customers/${customer.customerID}/contracts/nope`, { cookie })).json.error.code).toBe("contract.not_found");
    expect((await call("POST", "/api/customers", { cookie, rawBody: "{nope" })).json.error.fields[0].code).toBe("invalid_json");
  });
});

describe("settings over HTTP", () => {
  it("any staff member reads them; an admin changes them; bad values are refused field by field", async () => {
    const reader = await staff(["labour_admin"]);
    const got = await call("GET", "/api/settings", { cookie: reader.cookie });
    expect(got.status).toBe(200);
    expect(got.json.settings).toMatchObject({ defaultAgreedRepairDays: 7, followUpMonths: 3, version: 0 });
    expect(got.json.settings).not.toHaveProperty("history");

    const admin = await staff(["admin"]);
    // A form may send back what it read (values, version and the fixed followUpMonths).
    const ok = await call("PUT", "/api/settings", {
      cookie: admin.cookie,
      body: { ...got.json.settings, defaultAgreedRepairDays: 5, coolingSeason: { start: "06-01", end: "09-15" } },
    });
    expect(ok.status).toBe(200);
    expect(ok.json.settings).toMatchObject({ defaultAgreedRepairDays: 5, coolingSeason: { start: "06-01", end: "09-15" }, version: 1 });
    expect(ok.json.settings.lastChange.by).toMatchObject({ type: "user", id: admin.user.userID });
    // read-only fields are not accepted back
    const readOnly = await call("PUT", "/api/settings", { cookie: admin.cookie, body: { ...ok.json.settings } });
    expect(readOnly.json.error.fields.map((f: any) => f.field)).toEqual(["updatedAt,lastChange"]);

    const bad = await call("PUT", "/api/settings", { cookie: admin.cookie, body: { designLifeYears: 3, followUpMonths: 4, warningLeadHours: { emergency: 12 } } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields.map((f: any) => f.field).sort()).toEqual(["designLifeYears", "followUpMonths", "warningLeadHours.general", "warningLeadHours.small"]);
    const stale = await call("PUT", "/api/settings", { cookie: admin.cookie, body: { followUpIntervalDays: 14, version: 0 } });
    expect(stale.status).toBe(409);
    expect((await call("GET", "/api/settings", { cookie: reader.cookie })).json.settings.defaultAgreedRepairDays).toBe(5);
  });
});

describe("who may use the customer, project and settings routes", () => {
  const anyStaff = roles;
  const fixture = { customerID: "", contractID: "", projectID: "" };
  const sessions = new Map<Role, string>();

  beforeAll(async () => {
    const customer = await asSystem(() => Customer.create({ name: "权限矩阵客户", kind: "other" }));
    const contract = await asSystem(() =>
      Customer.addContract({ customerID: customer.customerID, number: number(), title: "x", amountFen: 100, signedOn: "2024-01-01" }),
    );
    const project = await asSystem(() => Project.create({ customerID: customer.customerID, name: "权限矩阵工程" }));
    Object.assign(fixture, { customerID: customer.customerID, contractID: contract.contractID, projectID: project.projectID });
    await Promise.all(roles.map(async (role) => sessions.set(role, (await staff([role])).cookie)));
  });

  const routes: [string, string, readonly Role[], () => unknown][] = [
    ["GET", "/api/settings", anyStaff, () => undefined],
    ["PUT", "/api/settings", Settings.editors, () => ({})],
    ["GET", "/api/warranty/categories", anyStaff, () => undefined],
    ["GET", "/api/customers", Customer.readers, () => undefined],
    ["POST", "/api/customers", Customer.writers, () => ({ name: "矩阵新客户", kind: "owner" })],
    ["GET", "/api/customers/:customerID", Customer.readers, () => undefined],
    ["PATCH", "/api/customers/:customerID", Customer.writers, () => ({})],
    ["POST", "/api/customers/:customerID/contracts", Customer.writers, () => ({ number: number(), title: "x", amountFen: 1, signedOn: "2024-01-01" })],
    ["PATCH", "/api/customers/:customerID/contracts/:contractID", Customer.writers, () => ({})],
    ["DELETE", "/api/customers/:customerID/contracts/:contractID", Customer.writers, () => undefined],
    ["GET", "/api/projects", Project.readers, () => undefined],
    ["POST", "/api/projects", Project.writers, () => ({ customerID: fixture.customerID, name: "矩阵新工程" })],
    ["GET", "/api/projects/:projectID", Project.readers, () => undefined],
    ["PATCH", "/api/projects/:projectID", Project.writers, () => ({})],
  ];
  const resolve = (path: string) => path.replace(/:(\w+)/g, (_, k: keyof typeof fixture) => fixture[k]);

  it.each(routes)("%s %s", async (method, template, allowed, body) => {
    const path = resolve(template);
    expect((await call(method, path, { body: body() })).status).toBe(401);
    for (const role of roles) {
      const res = await call(method, path, { body: body(), cookie: sessions.get(role) });
      if (allowed.includes(role)) expect([role, res.status]).toEqual([role, res.status < 300 ? res.status : "success"]);
      else expect([role, res.status, res.json.error.code]).toEqual([role, 403, "auth.forbidden"]);
    }
  });
});
