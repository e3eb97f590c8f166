import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { Customer, Project } from "@aftersales/core";
import { asSystem } from "../../core/test/support";
import { call, staff } from "./support";

async function customer(name = "滨江物业") {
  return asSystem(() => Customer.create({ name, kind: "property_management" }));
}

describe("projects over HTTP", () => {
  it("creates a project and shows each category's warranty end and the deposit release date", async () => {
    const { cookie, user } = await staff(["project_manager"]);
    const c = await customer();
    const created = await call("POST", "/api/projects", {
      cookie,
      body: {
        customerID: c.customerID,
        name: "滨江大厦暖通改造",
        completionAcceptedOn: "2024-06-01",
        handoverOn: "2024-06-15",
        inUseSince: "",
        depositFen: 12_000_000,
        warrantyItems: [{ category: "plumbing", years: 3, note: "合同约定" }],
        handoverDocs: [{ item: "as_built_drawings", done: true, doneOn: "2024-05-30" }],
      },
    });
    expect(created.status).toBe(201);
    const project = created.json.project;
    expect(project).toMatchObject({ name: "滨江大厦暖通改造", depositFen: 12_000_000, version: 1 });
    expect(project).not.toHaveProperty("history");
    expect(project).not.toHaveProperty("inUseSince");
    expect(project.warrantyItems).toHaveLength(9);

    const detail = await call("GET", `/api/projects/${project.projectID}`, { cookie });
    expect(detail.status).toBe(200);
    expect(detail.json.customer).toEqual({ customerID: c.customerID, name: "滨江物业", class: "D" });
    expect(detail.json.depositReleaseOn).toBe("2026-06-01");
    expect(detail.json.agreedRepairDays).toBe(7);
    const rows = Object.fromEntries(detail.json.warranty.map((r: any) => [r.category, r]));
    expect(rows.heating).toMatchObject({ unit: "seasons", value: 2, minimum: 2, endsOn: "2026-03-15", label: { "zh-CN": "供热系统", en: "Heating system" } });
    // accepted after the 2024 cooling season began (05-15): 2025 and 2026 count
    expect(rows.cooling).toMatchObject({ endsOn: "2026-09-30" });
    expect(rows.plumbing).toMatchObject({ value: 3, minimum: 2, lengthened: true, note: "合同约定", endsOn: "2027-05-31" });
    expect(rows.foundation_structure).toMatchObject({ value: 50, endsOn: "2074-05-31" });
    expect(rows.waterproofing.endsOn).toBe("2029-05-31");

    const patched = await call("PATCH", `/api/projects/${project.projectID}`, { cookie, body: { agreedRepairDays: 3, inUseSince: "2024-07-01", version: 1 } });
    expect(patched.status).toBe(200);
    expect(patched.json.project).toMatchObject({ agreedRepairDays: 3, inUseSince: "2024-07-01", version: 2 });
    const stale = await call("PATCH", `/api/projects/${project.projectID}`, { cookie, body: { name: "旧页面", version: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.json.error.code).toBe("project.changed");

    const stored = (await Project.fromID(project.projectID))!;
    expect(stored.history.map((h) => [h.action, h.by.id])).toEqual([
      ["project.created", user.userID],
      ["project.updated", user.userID],
    ]);
    expect(stored.history[1]!.details).toEqual({ agreedRepairDays: 3, inUseSince: "2024-07-01" });
  });

  it("refuses to shorten a statutory period: a field-level zh/en error, nothing written", async () => {
    const { cookie } = await staff(["engineering_head"]);
    const c = await customer();
    const res = await call("POST", "/api/projects", {
      cookie,
      body: {
        customerID: c.customerID,
        name: "缩短保修期",
        warrantyItems: [
          { category: "electrical" },
          { category: "heating", seasons: 2 },
          { category: "decoration", years: 2 },
          { category: "equipment", years: 1 },
        ],
      },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("validation.failed");
    expect(res.json.error.fields).toEqual([
      {
        field: "warrantyItems.3.years",
        code: "warranty.below_minimum",
        message: {
          "zh-CN": "保修期不得短于法定最低保修期（2 年），合同只能延长",
          en: "Must not be shorter than the statutory minimum (2 years); a contract may only lengthen it",
        },
      },
    ]);
    const list = await call("GET", `/api/projects?customerID=${c.customerID}`, { cookie });
    expect(list.json.projects).toEqual([]);
  });

  it("validates the customer, dates, deposit and name", async () => {
    const { cookie } = await staff(["cs_specialist"]);
    const unknown = await call("POST", "/api/projects", { cookie, body: { customerID: "01UNKNOWN", name: "x" } });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.fields).toMatchObject([{ field: "customerID", code: "customer.not_found", message: { "zh-CN": "客户不存在" } }]);

    const c = await customer();
    const bad = await call("POST", "/api/projects", {
      cookie,
      body: { customerID: c.customerID, name: "<script>x</script>", completionAcceptedOn: "2023-02-29", depositFen: -500, designLifeYears: 500 },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields.map((f: any) => f.field).sort()).toEqual(["completionAcceptedOn", "depositFen", "designLifeYears", "name"]);
    expect(bad.json.error.fields.find((f: any) => f.field === "completionAcceptedOn").message.en).toBe("Not a valid date (YYYY-MM-DD)");

    const order = await call("POST", "/api/projects", {
      cookie,
      body: { customerID: c.customerID, name: "先交付后验收", completionAcceptedOn: "2024-05-10", handoverOn: "2024-05-01" },
    });
    expect(order.json.error.fields.map((f: any) => f.field)).toEqual(["handoverOn"]);

    expect((await call("GET", "/api/projects/nope", { cookie })).json.error.code).toBe("project.not_found");
    expect((await call("PATCH", "/api/projects/nope", { cookie, body: { name: "x" } })).status).toBe(404);
  });

  it("lists and searches projects, with customer names", async () => {
    const { cookie } = await staff(["finance"]);
    const tag = randomBytes(4).toString("hex");
    const a = await customer(`甲方 ${tag}`);
    const b = await customer(`乙方 ${tag}`);
    const pa = await asSystem(() => Project.create({ customerID: a.customerID, name: `${tag} 医院门诊楼` }));
    const pb = await asSystem(() => Project.create({ customerID: b.customerID, name: `${tag} 医院住院楼` }));

    const byText = await call("GET", `/api/projects?q=${encodeURIComponent(`${tag} 医院`)}`, { cookie });
    expect(byText.json.projects.map((p: any) => [p.projectID, p.customerName])).toEqual([
      [pa.projectID, `甲方 ${tag}`],
      [pb.projectID, `乙方 ${tag}`],
    ]);
    const byCustomer = await call("GET", `/api/projects?customerID=${b.customerID}&q=${encodeURIComponent("住院")}`, { cookie });
    expect(byCustomer.json.projects.map((p: any) => p.projectID)).toEqual([pb.projectID]);
    const all = await call("GET", "/api/projects", { cookie });
    expect(all.json.projects.map((p: any) => p.projectID)).toEqual(expect.arrayContaining([pa.projectID, pb.projectID]));
  });

  it("lists the warranty categories with their statutory minimums for forms", async () => {
    const { cookie } = await staff(["department"]);
    const res = await call("GET", "/api/warranty/categories", { cookie });
    expect(res.status).toBe(200);
    expect(res.json.categories).toHaveLength(9);
    expect(res.json.categories[0]).toEqual({
      category: "foundation_structure",
      label: { "zh-CN": "地基基础和主体结构", en: "Foundation & main structure" },
      unit: "years",
      minimum: 50,
      minimumIsDesignLife: true,
    });
    expect(res.json.categories.find((c: any) => c.category === "waterproofing")).toMatchObject({ minimum: 5, unit: "years" });
    expect(res.json.categories.find((c: any) => c.category === "cooling")).toMatchObject({ minimum: 2, unit: "seasons" });
  });
});
