import { describe, expect, it } from "vitest";
import { Clock, Customer, Timer, ValidationError } from "../src/index";
import { Client } from "../src/dynamo";
import { asUser, createUser } from "./support";

const WAN = 1_000_000; // fen in 1万 RMB

async function cs() {
  return createUser(["cs_specialist"], "客服小王");
}

async function newCustomer(user: Awaited<ReturnType<typeof cs>>, name = "华南物业管理有限公司") {
  return asUser(user, () => Customer.create({ name, kind: "property_management" }));
}

let seq = 0;
const number = () => `HT-${Date.now()}-${++seq}`;

describe("customer class from the cumulative signed contract value", () => {
  it("has exact boundaries at 200万, 600万 and 1000万", () => {
    expect(Customer.classFor(0)).toBe("D");
    expect(Customer.classFor(199_990_000)).toBe("D");
    expect(Customer.classFor(200 * WAN - 1)).toBe("D");
    expect(Customer.classFor(200 * WAN)).toBe("C");
    expect(Customer.classFor(599_990_000)).toBe("C");
    expect(Customer.classFor(600 * WAN)).toBe("B");
    expect(Customer.classFor(999_990_000)).toBe("B");
    expect(Customer.classFor(1000 * WAN - 1)).toBe("B");
    expect(Customer.classFor(1000 * WAN)).toBe("A");
    expect(Customer.classFor(1_000_000_000)).toBe("A"); // 10,000,000 RMB
    expect(Customer.classFor(10 ** 13)).toBe("A");
  });

  it("is recomputed when contracts are added, changed, cancelled and restored", async () => {
    const user = await cs();
    const customer = await newCustomer(user);
    expect(customer).toMatchObject({ class: "D", cumulativeContractFen: 0 });

    const a = await asUser(user, () =>
      Customer.addContract({ customerID: customer.customerID, number: number(), title: "机电安装一期", amountFen: 199_990_000, signedOn: "2024-01-10" }),
    );
    expect(await Customer.fromID(customer.customerID)).toMatchObject({ class: "D", cumulativeContractFen: 199_990_000 });

    // +100 RMB reaches exactly 200万 → C
    const b = await asUser(user, () =>
      Customer.addContract({ customerID: customer.customerID, number: number(), title: "零星维修", amountFen: 10_000, signedOn: "2024-02-01" }),
    );
    expect(await Customer.fromID(customer.customerID)).toMatchObject({ class: "C", cumulativeContractFen: 200 * WAN });

    // raise a so that a + b = 999.99万 exactly → B
    await asUser(user, () => Customer.updateContract({ customerID: customer.customerID, contractID: a.contractID, amountFen: 999_990_000 - 10_000 }));
    expect(await Customer.fromID(customer.customerID)).toMatchObject({ class: "B", cumulativeContractFen: 999_990_000 });

    // one more 100 RMB → exactly 1000万 → A
    const c = await asUser(user, () =>
      Customer.addContract({ customerID: customer.customerID, number: number(), title: "补充协议", amountFen: 10_000, signedOn: "2024-03-01" }),
    );
    expect(await Customer.fromID(customer.customerID)).toMatchObject({ class: "A", cumulativeContractFen: 1000 * WAN });

    // cancelling c drops back to B; the contract stays, cancelled
    const cancelled = await asUser(user, () => Customer.removeContract({ customerID: customer.customerID, contractID: c.contractID }));
    expect(cancelled.status).toBe("cancelled");
    expect(await Customer.fromID(customer.customerID)).toMatchObject({ class: "B", cumulativeContractFen: 999_990_000 });

    // restoring it counts again
    await asUser(user, () => Customer.updateContract({ customerID: customer.customerID, contractID: c.contractID, status: "active" }));
    expect((await Customer.fromID(customer.customerID))!.class).toBe("A");

    // cancel the big one: 200万 (b + c = 2 × 100 RMB) → D
    await asUser(user, () => Customer.removeContract({ customerID: customer.customerID, contractID: a.contractID }));
    const after = (await Customer.fromID(customer.customerID))!;
    expect(after).toMatchObject({ class: "D", cumulativeContractFen: 20_000 });

    const reclassified = after.history.filter((h) => h.action === "customer.reclassified").map((h) => [h.details!.from, h.details!.to]);
    expect(reclassified).toEqual([
      ["D", "C"],
      ["C", "B"],
      ["B", "A"],
      ["A", "B"],
      ["B", "A"],
      ["A", "D"],
    ]);
    expect(after.history.at(-1)!.by).toMatchObject({ type: "user", id: user.userID, name: "客服小王" });

    const contracts = await asUser(user, () => Customer.listContracts(customer.customerID));
    expect(contracts.map((x) => [x.contractID, x.status])).toEqual([
      [c.contractID, "active"],
      [b.contractID, "active"],
      [a.contractID, "cancelled"],
    ]);
    const storedA = contracts.find((x) => x.contractID === a.contractID)!;
    expect(storedA.history.map((h) => h.action)).toEqual(["contract.added", "contract.updated", "contract.cancelled"]);
    expect(storedA.history[1]!.details).toEqual({ amountFen: 999_990_000 - 10_000 });
    expect(storedA.version).toBe(3);
  });

  it("concurrent contract changes all count (the recomputation retries on conflict)", async () => {
    const user = await cs();
    const customer = await newCustomer(user);
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        asUser(user, () =>
          Customer.addContract({ customerID: customer.customerID, number: `P-${i}`, title: `分包 ${i}`, amountFen: 100 * WAN, signedOn: "2024-05-01" }),
        ),
      ),
    );
    expect(await Customer.fromID(customer.customerID)).toMatchObject({ class: "B", cumulativeContractFen: 600 * WAN });
  });

  it("heals itself when the process dies between the contract write and the recomputation", async () => {
    const user = await cs();
    const customer = await newCustomer(user);
    // Simulate a crash: the customer's update after the contract write never happens.
    const send = Client.send;
    Client.send = function (this: typeof Client, command: any, ...rest: any[]) {
      const key = command?.input?.Key;
      if (command?.constructor?.name === "UpdateCommand" && String(key?.sk ?? "").startsWith("$customer")) {
        throw new Error("simulated crash");
      }
      return (send as any).call(this, command, ...rest);
    } as any;
    try {
      await expect(
        asUser(user, () =>
          Customer.addContract({ customerID: customer.customerID, number: number(), title: "大型项目", amountFen: 1200 * WAN, signedOn: "2024-06-01" }),
        ),
      ).rejects.toThrow("simulated crash");
    } finally {
      Client.send = send;
    }
    const contracts = await asUser(user, () => Customer.listContracts(customer.customerID));
    expect(contracts).toHaveLength(1);
    expect(await Customer.fromID(customer.customerID)).toMatchObject({ class: "D", cumulativeContractFen: 0 });

    const [timer] = await Timer.listByRef(`customer#${customer.customerID}`);
    expect(timer).toMatchObject({ kind: "customer.reclassify", status: "pending" });
    expect(await Timer.fire(timer!.timerID)).toBe("not_due");
    Clock.advance((Customer.RECLASSIFY_DELAY_MINUTES + 1) * 60_000);
    expect(await Timer.fire(timer!.timerID)).toBe("fired");

    const healed = (await Customer.fromID(customer.customerID))!;
    expect(healed).toMatchObject({ class: "A", cumulativeContractFen: 1200 * WAN });
    expect(healed.history.at(-1)).toMatchObject({
      action: "customer.reclassified",
      details: { from: "D", to: "A" },
      by: { type: "system", name: "timer:customer.reclassify" },
    });
  });

  it("the healing timer is a no-op after a normal change, and one timer is kept per contract version", async () => {
    const user = await cs();
    const customer = await newCustomer(user);
    const contract = await asUser(user, () =>
      Customer.addContract({ customerID: customer.customerID, number: number(), title: "一期", amountFen: 300 * WAN, signedOn: "2024-06-01" }),
    );
    await asUser(user, () => Customer.updateContract({ customerID: customer.customerID, contractID: contract.contractID, title: "一期（修订）" }));
    const before = (await Customer.fromID(customer.customerID))!;
    const timers = await Timer.listByRef(`customer#${customer.customerID}`);
    expect(timers).toHaveLength(2);
    Clock.advance((Customer.RECLASSIFY_DELAY_MINUTES + 1) * 60_000);
    for (const t of timers) expect(await Timer.fire(t.timerID)).toBe("fired");
    const after = (await Customer.fromID(customer.customerID))!;
    expect(after.version).toBe(before.version);
    expect(after.class).toBe("C");
  });
});

describe("contracts", () => {
  it("numbers are unique per customer (case-insensitive, cancelled ones included); renumbering frees the old number", async () => {
    const user = await cs();
    const one = await newCustomer(user, "甲方一");
    const two = await newCustomer(user, "甲方二");
    const n = number();
    const first = await asUser(user, () => Customer.addContract({ customerID: one.customerID, number: n, title: "合同", amountFen: 100, signedOn: "2024-01-01" }));
    await expect(
      asUser(user, () => Customer.addContract({ customerID: one.customerID, number: n.toLowerCase(), title: "重复", amountFen: 100, signedOn: "2024-01-01" })),
    ).rejects.toMatchObject({ code: "contract.number_taken", status: 409 });
    // another customer may use the same number
    await asUser(user, () => Customer.addContract({ customerID: two.customerID, number: n, title: "合同", amountFen: 100, signedOn: "2024-01-01" }));

    await asUser(user, () => Customer.removeContract({ customerID: one.customerID, contractID: first.contractID }));
    await expect(
      asUser(user, () => Customer.addContract({ customerID: one.customerID, number: n, title: "重复", amountFen: 100, signedOn: "2024-01-01" })),
    ).rejects.toMatchObject({ code: "contract.number_taken" });

    await asUser(user, () => Customer.updateContract({ customerID: one.customerID, contractID: first.contractID, number: `${n}-R` }));
    const again = await asUser(user, () =>
      Customer.addContract({ customerID: one.customerID, number: n, title: "新合同", amountFen: 100, signedOn: "2024-01-01" }),
    );
    expect(again.number).toBe(n);
    const list = await asUser(user, () => Customer.listContracts(one.customerID));
    expect(list).toHaveLength(2);
    expect((await Customer.fromID(one.customerID))!.cumulativeContractFen).toBe(100);
  });

  it("validates amounts and dates, refuses stale edits, and 404s unknown customers and contracts", async () => {
    const user = await cs();
    const customer = await newCustomer(user);
    const err = await asUser(user, async () =>
      Customer.addContract({ customerID: customer.customerID, number: "", title: "<b>x</b>", amountFen: 12.5, signedOn: "2024-02-30" }),
    ).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.fields.map((f: any) => f.field).sort()).toEqual(["amountFen", "number", "signedOn", "title"]);
    for (const amountFen of [0, -100, 10 ** 13 + 1]) {
      const e = await asUser(user, async () =>
        Customer.addContract({ customerID: customer.customerID, number: "X", title: "x", amountFen, signedOn: "2024-02-01" }),
      ).catch((e) => e);
      expect(e.fields.map((f: any) => f.field)).toEqual(["amountFen"]);
    }
    expect(await asUser(user, () => Customer.listContracts(customer.customerID))).toEqual([]);

    const contract = await asUser(user, () =>
      Customer.addContract({ customerID: customer.customerID, number: number(), title: "x", amountFen: 100, signedOn: "2024-02-01" }),
    );
    await asUser(user, () => Customer.updateContract({ customerID: customer.customerID, contractID: contract.contractID, title: "y", version: 1 }));
    await expect(
      asUser(user, () => Customer.updateContract({ customerID: customer.customerID, contractID: contract.contractID, title: "z", version: 1 })),
    ).rejects.toMatchObject({ code: "contract.changed", status: 409 });

    await expect(
      asUser(user, () => Customer.addContract({ customerID: "nope", number: "X", title: "x", amountFen: 1, signedOn: "2024-02-01" })),
    ).rejects.toMatchObject({ code: "customer.not_found", status: 404 });
    await expect(
      asUser(user, () => Customer.updateContract({ customerID: customer.customerID, contractID: "nope", title: "x" })),
    ).rejects.toMatchObject({ code: "contract.not_found", status: 404 });
  });
});

describe("customers", () => {
  it("are created and edited with contacts, recording who changed what; stale edits are refused", async () => {
    const user = await cs();
    const customer = await asUser(user, () =>
      Customer.create({
        name: "星河置业",
        kind: "owner",
        address: "深圳市南山区科技园",
        contacts: [
          { role: "chairman_gm", name: "张总", phone: "+86 138 0013 8000" },
          { role: "chief_engineer", name: "李工", title: "机电总工", phone: "0755-12345678-801", email: "Li@Example.test" },
          { role: "operations", name: "值班室", phone: "400-800-1234" },
        ],
      }),
    );
    expect(customer.contacts[0]!.phone).toBe("13800138000");
    expect(customer.contacts[1]!.email).toBe("li@example.test");
    expect(customer).toMatchObject({ class: "D", version: 1 });

    const updated = await asUser(user, () =>
      Customer.update({ customerID: customer.customerID, address: null, notes: "重点客户", contacts: [{ role: "purchasing", name: "王经理" }], version: 1 }),
    );
    expect(updated.address).toBeUndefined();
    expect(updated).toMatchObject({ notes: "重点客户", version: 2, contacts: [{ role: "purchasing", name: "王经理" }] });
    expect(updated.history.map((h) => h.action)).toEqual(["customer.created", "customer.updated"]);
    expect(updated.history[1]).toMatchObject({
      by: { type: "user", id: user.userID },
      details: { address: null, notes: "重点客户", contacts: [{ role: "purchasing", name: "王经理" }] },
    });

    await expect(asUser(user, () => Customer.update({ customerID: customer.customerID, name: "旧页面", version: 1 }))).rejects.toMatchObject({
      code: "customer.changed",
      status: 409,
    });
    // class and cumulative value are not editable
    const e = await asUser(user, async () => Customer.update({ customerID: customer.customerID, class: "A" } as any)).catch((e) => e);
    expect(e.fields[0].field).toBe("class");
  });

  it("validates names, phones and contacts field by field", async () => {
    const user = await cs();
    const err = await asUser(user, async () =>
      Customer.create({
        name: "<script>alert(1)</script>",
        kind: "government" as any,
        contacts: [
          { role: "chairman_gm", name: "甲", phone: "12345" },
          { role: "boss" as any, name: "乙", email: "not-an-email" },
          { role: "operations", name: "丙", phone: "1380013800" },
        ],
      }),
    ).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.fields.map((f: any) => f.field).sort()).toEqual([
      "contacts.0.phone",
      "contacts.1.email",
      "contacts.1.role",
      "contacts.2.phone",
      "kind",
      "name",
    ]);
    const tooMany = await asUser(user, async () =>
      Customer.create({ name: "多联系人", kind: "other", contacts: Array.from({ length: 21 }, () => ({ role: "operations" as const, name: "x" })) }),
    ).catch((e) => e);
    expect(tooMany.fields.map((f: any) => f.field)).toEqual(["contacts"]);
  });

  it("are listed by name (pinyin order) and found by part of the name, case-insensitively", async () => {
    const user = await cs();
    const tag = `T${Date.now().toString(36)}`;
    for (const name of [`张家 ${tag} Zeta`, `安居 ${tag} alpha`, `北辰 ${tag} Beta`]) await newCustomer(user, name);
    const mine = (await asUser(user, () => Customer.list())).filter((c) => c.name.includes(tag));
    expect(mine.map((c) => c.name)).toEqual([`安居 ${tag} alpha`, `北辰 ${tag} Beta`, `张家 ${tag} Zeta`]);
    const found = await asUser(user, () => Customer.search(`${tag} BETA`.toLowerCase()));
    expect(found.map((c) => c.name)).toEqual([`北辰 ${tag} Beta`]);
  });

  it("only readers read and only customer-service staff write", async () => {
    const writer = await cs();
    const customer = await newCustomer(writer);
    const finance = await createUser(["finance"]);
    expect((await asUser(finance, () => Customer.detail(customer.customerID))).customer.name).toBe(customer.name);
    await expect(asUser(finance, () => Customer.update({ customerID: customer.customerID, name: "x" }))).rejects.toMatchObject({ status: 403 });
    await expect(asUser(finance, () => Customer.create({ name: "x", kind: "other" }))).rejects.toMatchObject({ status: 403 });
    const labour = await createUser(["labour_admin", "department"]);
    await expect(asUser(labour, () => Customer.list())).rejects.toMatchObject({ status: 403 });
    await expect(Customer.list()).rejects.toMatchObject({ status: 401 });
  });
});
