import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { Settings, ValidationError } from "../src/index";
import { asSystem, asUser, createUser } from "./support";

// This worker gets its own settings item per test, so tests elsewhere keep the defaults.
beforeEach(() => Settings.testing.useItem(`test-${randomBytes(6).toString("hex")}`));

describe("company settings", () => {
  it("are the defaults until an admin saves something", async () => {
    const s = await asSystem(() => Settings.get());
    expect(s).toMatchObject({
      defaultAgreedRepairDays: 7,
      escalationStepHours: { emergency: 4, small: 4, general: 24 },
      warningLeadHours: { emergency: 12, small: 2, general: 24 },
      followUpIntervalDays: 30,
      followUpMonths: 3,
      designLifeYears: 50,
      defectsLiabilityMonths: 24,
      heatingSeason: { start: "11-15", end: "03-15" },
      coolingSeason: { start: "05-15", end: "09-30" },
      version: 0,
      history: [],
    });
  });

  it("an admin changes them; the change is versioned and records who changed what", async () => {
    const admin = await createUser(["admin"], "管理员甲");
    const first = await asUser(admin, () =>
      Settings.update({ defaultAgreedRepairDays: 10, heatingSeason: { start: "11-01", end: "03-31" }, version: 0 }),
    );
    expect(first).toMatchObject({ defaultAgreedRepairDays: 10, heatingSeason: { start: "11-01", end: "03-31" }, version: 1 });
    expect(first.designLifeYears).toBe(50);

    const second = await asUser(admin, () => Settings.update({ escalationStepHours: { emergency: 2, small: 3, general: 12 } }));
    expect(second.version).toBe(2);
    expect(second.defaultAgreedRepairDays).toBe(10);

    const read = await Settings.get();
    expect(read).toMatchObject({ version: 2, escalationStepHours: { emergency: 2, small: 3, general: 12 } });
    expect(read.history.map((h) => h.action)).toEqual(["settings.updated", "settings.updated"]);
    expect(read.history[0]!.by).toMatchObject({ type: "user", id: admin.userID, name: "管理员甲" });
    expect(read.history[0]!.details).toEqual({ defaultAgreedRepairDays: 10, heatingSeason: { start: "11-01", end: "03-31" } });
    expect(Settings.present(read)).not.toHaveProperty("history");
    expect(Settings.present(read).lastChange?.by.id).toBe(admin.userID);
  });

  it("sending the same values (and the fixed follow-up months) changes nothing", async () => {
    const admin = await createUser(["admin"]);
    const same = await asUser(admin, () => Settings.update({ defaultAgreedRepairDays: 7, followUpMonths: 3 }));
    expect(same.version).toBe(0);
  });

  it("refuses stale edits", async () => {
    const admin = await createUser(["admin"]);
    await asUser(admin, () => Settings.update({ followUpIntervalDays: 14, version: 0 }));
    await expect(asUser(admin, () => Settings.update({ followUpIntervalDays: 21, version: 0 }))).rejects.toMatchObject({
      code: "settings.changed",
      status: 409,
    });
    expect((await Settings.get()).followUpIntervalDays).toBe(14);
  });

  it("validates field by field and writes nothing", async () => {
    const admin = await createUser(["admin"]);
    const err = await asUser(admin, async () =>
      Settings.update({
        defaultAgreedRepairDays: 0,
        followUpIntervalDays: 100,
        followUpMonths: 6,
        escalationStepHours: { emergency: 0, small: 4, general: 24 },
        heatingSeason: { start: "11-15", end: "02-29" },
        coolingSeason: { start: "05-15", end: "05-15" },
        defectsLiabilityMonths: 61,
      } as any),
    ).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.fields.map((f: any) => f.field).sort()).toEqual([
      "coolingSeason.end",
      "defaultAgreedRepairDays",
      "defectsLiabilityMonths",
      "escalationStepHours.emergency",
      "followUpIntervalDays",
      "followUpMonths",
      "heatingSeason.end",
    ]);
    expect(err.fields.find((f: any) => f.field === "followUpMonths").message["zh-CN"]).toContain("不可修改");
    expect((await Settings.get()).version).toBe(0);
  });

  it("only admins change them; any staff member reads them", async () => {
    const cs = await createUser(["cs_specialist", "cs_supervisor", "engineering_head", "general_manager"]);
    await expect(asUser(cs, () => Settings.update({ defaultAgreedRepairDays: 3 }))).rejects.toMatchObject({ status: 403 });
    const labour = await createUser(["labour_admin"]);
    expect((await asUser(labour, () => Settings.read())).defaultAgreedRepairDays).toBe(7);
    await expect(Settings.read()).rejects.toMatchObject({ status: 401 });
    await expect(Settings.update({ defaultAgreedRepairDays: 3 })).rejects.toMatchObject({ status: 401 });
  });
});
