import { describe, expect, it } from "vitest";
import { Clock, Customer, Project, ValidationError, WarrantyPeriod } from "../src/index";
import { asUser, createUser } from "./support";

async function setup() {
  const pm = await createUser(["project_manager"], "项目经理老刘");
  const cs = await createUser(["cs_specialist"]);
  const customer = await asUser(cs, () => Customer.create({ name: "海岸城物业", kind: "property_management" }));
  return { pm, cs, customer };
}

const fail = (p: Promise<unknown> | (() => unknown)) =>
  (typeof p === "function" ? Promise.resolve().then(p) : p).then(
    () => {
      throw new Error("expected a failure");
    },
    (e) => e,
  );

describe("projects", () => {
  it("are created with the statutory minimums for every warranty category, recording who did it", async () => {
    const { pm, customer } = await setup();
    const project = await asUser(pm, () =>
      Project.create({
        customerID: customer.customerID,
        name: "海岸城二期机电安装",
        address: "深圳市南山区",
        completionAcceptedOn: "2024-03-10",
        handoverOn: "2024-03-20",
        inUseSince: "2024-04-01",
        depositFen: 500_000_00,
        handoverDocs: [
          { item: "manuals", done: true, doneOn: "2024-03-08" },
          { item: "training", done: false },
        ],
      }),
    );
    expect(project.warrantyItems).toEqual(WarrantyPeriod.categories.map((category) => ({ category })));
    expect(project).toMatchObject({ depositFen: 50_000_000, version: 1, customerID: customer.customerID });
    expect(project.history[0]).toMatchObject({ action: "project.created", by: { type: "user", id: pm.userID, name: "项目经理老刘" } });

    const detail = await asUser(pm, () => Project.detail(project.projectID));
    expect(detail.customer).toEqual({ customerID: customer.customerID, name: "海岸城物业", class: "D" });
    expect(detail.depositReleaseOn).toBe("2026-03-10");
    expect(detail.agreedRepairDays).toBe(7);
    const ends = Object.fromEntries(detail.warranty.map((r) => [r.category, r.endsOn]));
    expect(ends).toMatchObject({
      foundation_structure: "2074-03-09",
      waterproofing: "2029-03-09",
      heating: "2026-03-15",
      cooling: "2025-09-30",
      electrical: "2026-03-09",
    });
  });

  it("keeps a contract's longer periods and its design life", async () => {
    const { pm, customer } = await setup();
    const project = await asUser(pm, () =>
      Project.create({
        customerID: customer.customerID,
        name: "长保修工程",
        completionAcceptedOn: "2024-06-01",
        designLifeYears: 70,
        agreedRepairDays: 3,
        defectsLiabilityMonths: 12,
        warrantyItems: [
          { category: "electrical", years: 5, note: "合同第十二条" },
          { category: "heating", seasons: 3 },
          { category: "foundation_structure", years: 70 },
        ],
      }),
    );
    expect(project.warrantyItems).toHaveLength(9);
    expect(project.warrantyItems[0]).toEqual({ category: "foundation_structure", years: 70 });
    const detail = await asUser(pm, () => Project.detail(project.projectID));
    const row = (c: string) => detail.warranty.find((r) => r.category === c)!;
    expect(row("electrical")).toMatchObject({ value: 5, minimum: 2, lengthened: true, note: "合同第十二条", endsOn: "2029-05-31" });
    expect(row("heating")).toMatchObject({ value: 3, unit: "seasons", endsOn: "2027-03-15" });
    expect(row("foundation_structure")).toMatchObject({ value: 70, minimum: 70, lengthened: false, endsOn: "2094-05-31" });
    expect(detail.depositReleaseOn).toBe("2025-06-01");
    expect(detail.agreedRepairDays).toBe(3);
  });

  it("refuses to shorten a statutory period with a field-level error in both languages, and writes nothing", async () => {
    const { pm, customer } = await setup();
    const err = await asUser(pm, () =>
      fail(() =>
        Project.create({
          customerID: customer.customerID,
          name: "短保修",
          warrantyItems: [
            { category: "electrical", years: 2 },
            { category: "decoration", years: 2 },
            { category: "plumbing", years: 2 },
            { category: "waterproofing", years: 3 },
          ],
        }),
      ),
    );
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.fields).toEqual([
      {
        field: "warrantyItems.3.years",
        code: "warranty.below_minimum",
        message: {
          "zh-CN": "保修期不得短于法定最低保修期（5 年），合同只能延长",
          en: "Must not be shorter than the statutory minimum (5 years); a contract may only lengthen it",
        },
      },
    ]);
    const unknown = await asUser(pm, () =>
      fail(() => Project.create({ customerID: customer.customerID, name: "x", warrantyItems: [{ category: "roof" as any, years: 9 }] })),
    );
    expect(unknown.fields.map((f: any) => f.field)).toEqual(["warrantyItems.0.category"]);
    expect(await asUser(pm, () => Project.listByCustomer(customer.customerID))).toEqual([]);
  });

  it("validates the customer, dates, deposit and names field by field", async () => {
    const { pm, customer } = await setup();
    const unknown = await asUser(pm, () => fail(() => Project.create({ customerID: "01NOSUCHCUSTOMER", name: "x" })));
    expect(unknown.fields).toMatchObject([{ field: "customerID", code: "customer.not_found" }]);

    const bad = await asUser(pm, () =>
      fail(() =>
        Project.create({
          customerID: customer.customerID,
          name: "<script>alert(1)</script>",
          completionAcceptedOn: "2024-02-30",
          handoverOn: "2024/03/01",
          depositFen: -1,
          agreedRepairDays: 91,
          handoverDocs: [{ item: "manuals", done: "yes" as any }],
        }),
      ),
    );
    expect(bad.fields.map((f: any) => f.field).sort()).toEqual([
      "agreedRepairDays",
      "completionAcceptedOn",
      "depositFen",
      "handoverDocs.0.done",
      "handoverOn",
      "name",
    ]);

    const order = await asUser(pm, () =>
      fail(() =>
        Project.create({
          customerID: customer.customerID,
          name: "日期顺序",
          completionAcceptedOn: "2024-05-01",
          handoverOn: "2024-04-30",
          handoverDocs: [{ item: "training", done: false, doneOn: "2024-04-01" }],
        }),
      ),
    );
    expect(order.fields.map((f: any) => [f.field, f.code])).toEqual([
      ["handoverOn", "project.handover_before_acceptance"],
      ["handoverDocs.0.doneOn", "project.doc_not_done"],
    ]);

    const tomorrow = WarrantyPeriod.addDays(Clock.shanghaiDate(), 1);
    const future = await asUser(pm, () => fail(() => Project.create({ customerID: customer.customerID, name: "未来", completionAcceptedOn: tomorrow })));
    expect(future.fields.map((f: any) => f.code)).toEqual(["project.acceptance_in_future"]);
    expect(await asUser(pm, () => Project.listByCustomer(customer.customerID))).toEqual([]);
  });

  it("are updated with optimistic versions; null clears a field; history records the changes", async () => {
    const { pm, customer, cs } = await setup();
    const other = await asUser(cs, () => Customer.create({ name: "另一客户", kind: "owner" }));
    const project = await asUser(pm, () => Project.create({ customerID: customer.customerID, name: "改动工程", completionAcceptedOn: "2024-01-15" }));

    const updated = await asUser(pm, () =>
      Project.update({
        projectID: project.projectID,
        version: 1,
        completionAcceptedOn: null,
        depositFen: 1234,
        customerID: other.customerID,
        warrantyItems: [{ category: "equipment", years: 3 }],
      }),
    );
    expect(updated.completionAcceptedOn).toBeUndefined();
    expect(updated).toMatchObject({ version: 2, depositFen: 1234, customerID: other.customerID });
    expect(updated.warrantyItems.find((i) => i.category === "equipment")).toEqual({ category: "equipment", years: 3 });
    expect(updated.history.at(-1)).toMatchObject({
      action: "project.updated",
      by: { id: pm.userID },
      details: { completionAcceptedOn: null, depositFen: 1234, customerID: other.customerID, warrantyItems: [{ category: "equipment", years: 3 }] },
    });
    // moved between customers' lists
    expect((await asUser(pm, () => Project.listByCustomer(customer.customerID))).map((p) => p.projectID)).toEqual([]);
    expect((await asUser(pm, () => Project.listByCustomer(other.customerID))).map((p) => p.projectID)).toEqual([project.projectID]);

    await expect(asUser(pm, () => Project.update({ projectID: project.projectID, name: "旧页面", version: 1 }))).rejects.toMatchObject({
      code: "project.changed",
      status: 409,
    });

    // shortening on update is refused as on create, and nothing changes
    const short = await asUser(pm, () =>
      fail(() => Project.update({ projectID: project.projectID, warrantyItems: [{ category: "cooling", seasons: 1 }] })),
    );
    expect(short.fields.map((f: any) => f.field)).toEqual(["warrantyItems.0.seasons"]);
    // a longer design life than an agreed foundation period makes that period too short
    await asUser(pm, () => Project.update({ projectID: project.projectID, warrantyItems: [{ category: "foundation_structure", years: 60 }] }));
    const life = await asUser(pm, () => fail(() => Project.update({ projectID: project.projectID, designLifeYears: 70 })));
    expect(life.fields.map((f: any) => f.field)).toEqual(["warrantyItems.0.years"]);
    expect((await Project.fromID(project.projectID))!.version).toBe(3);

    const unknownCustomer = await asUser(pm, () => fail(() => Project.update({ projectID: project.projectID, customerID: "nope" })));
    expect(unknownCustomer.fields.map((f: any) => f.field)).toEqual(["customerID"]);
    await expect(asUser(pm, () => Project.update({ projectID: "nope", name: "x" }))).rejects.toMatchObject({ status: 404 });
  });

  it("records the repair link issued by the link module", async () => {
    const { pm, customer } = await setup();
    const project = await asUser(pm, () => Project.create({ customerID: customer.customerID, name: "报修链接工程" }));
    const linked = await asUser(pm, () => Project.setRepairLinkID(project.projectID, "link-123"));
    expect(linked).toMatchObject({ repairLinkID: "link-123", version: 2 });
    expect(linked.history.at(-1)).toMatchObject({ action: "project.repair_link_issued", details: { linkID: "link-123" }, by: { id: pm.userID } });
    await expect(Project.setRepairLinkID("nope", "x")).rejects.toMatchObject({ status: 404 });
  });

  it("are listed and searched by name or address", async () => {
    const { pm, customer } = await setup();
    const tag = `P${Date.now().toString(36)}`;
    const a = await asUser(pm, () => Project.create({ customerID: customer.customerID, name: `${tag} 数据中心`, address: "前海" }));
    const b = await asUser(pm, () => Project.create({ customerID: customer.customerID, name: `${tag} 办公楼`, address: "Futian CBD" }));
    const all = (await asUser(pm, () => Project.list())).filter((p) => p.name.startsWith(tag));
    expect(all.map((p) => p.projectID)).toEqual([a.projectID, b.projectID]);
    expect((await asUser(pm, () => Project.search("futian cbd"))).map((p) => p.projectID)).toContain(b.projectID);
    expect((await asUser(pm, () => Project.search(`${tag.toLowerCase()} 数据`, customer.customerID))).map((p) => p.projectID)).toEqual([a.projectID]);
  });

  it("roles: after-sales and finance read, only project writers write", async () => {
    const { pm, customer } = await setup();
    const project = await asUser(pm, () => Project.create({ customerID: customer.customerID, name: "权限工程" }));
    const reader = await createUser(["after_sales", "finance", "marketing", "general_manager"]);
    expect((await asUser(reader, () => Project.detail(project.projectID))).project.name).toBe("权限工程");
    await expect(asUser(reader, () => Project.update({ projectID: project.projectID, name: "x" }))).rejects.toMatchObject({ status: 403 });
    await expect(asUser(reader, () => Project.create({ customerID: customer.customerID, name: "x" }))).rejects.toMatchObject({ status: 403 });
    const head = await createUser(["engineering_head"]);
    expect((await asUser(head, () => Project.update({ projectID: project.projectID, name: "权限工程（改）" }))).name).toBe("权限工程（改）");
    const labour = await createUser(["labour_admin"]);
    await expect(asUser(labour, () => Project.list())).rejects.toMatchObject({ status: 403 });
    await expect(Project.detail(project.projectID)).rejects.toMatchObject({ status: 401 });
  });
});
