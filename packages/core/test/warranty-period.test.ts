import { describe, expect, it } from "vitest";
import { Clock, Settings, WarrantyPeriod as W } from "../src/index";

const settings = { ...Settings.defaults };
const accepted = (completionAcceptedOn?: string, more: Partial<W.Subject> = {}): W.Subject => ({
  completionAcceptedOn,
  warrantyItems: W.completeItems(),
  ...more,
});

describe("calendar dates", () => {
  it("accepts real dates only", () => {
    for (const good of ["2024-02-29", "2023-12-31", "2000-01-01"]) expect(W.isCalendarDate(good)).toBe(true);
    for (const bad of ["2023-02-29", "2024-02-30", "2024-13-01", "2024/03/01", "2024-3-1", "20240301", "", "2024-03-01T00:00"])
      expect(W.isCalendarDate(bad)).toBe(false);
  });

  it("adds months, clamping to the month's end", () => {
    expect(W.addMonths("2024-03-10", 24)).toBe("2026-03-10");
    expect(W.addMonths("2023-08-31", 6)).toBe("2024-02-29");
    expect(W.addMonths("2024-02-29", 24)).toBe("2026-02-28");
    expect(W.addMonths("2024-11-30", 3)).toBe("2025-02-28");
  });

  it("season boundaries are MM-DD without 02-29", () => {
    expect(W.isMonthDay("11-15")).toBe(true);
    expect(W.isMonthDay("02-29")).toBe(false);
    expect(W.isMonthDay("13-01")).toBe(false);
    expect(W.isMonthDay("4-01")).toBe(false);
  });
});

describe("warranty ends: years", () => {
  it("counts the acceptance day as the first day: 2024-03-10 + 2 years ends 2026-03-09", () => {
    expect(W.warrantyEnd(accepted("2024-03-10"), "electrical", settings)).toBe("2026-03-09");
    expect(W.warrantyEnd(accepted("2024-03-10"), "decoration", settings)).toBe("2026-03-09");
    expect(W.warrantyEnd(accepted("2024-03-10"), "other", settings)).toBe("2026-03-09");
    expect(W.warrantyEnd(accepted("2024-03-10"), "waterproofing", settings)).toBe("2029-03-09");
    expect(W.warrantyEnd(accepted("2024-01-01"), "plumbing", settings)).toBe("2025-12-31");
  });

  it("29 February: the period ends on 28 February when there is no 29th, on the 28th when there is", () => {
    expect(W.warrantyEnd(accepted("2024-02-29"), "equipment", settings)).toBe("2026-02-28");
    expect(W.warrantyEnd(accepted("2024-02-29"), "foundation_structure", { ...settings, designLifeYears: 50 })).toBe("2074-02-28");
    expect(W.lastDayOfYears("2024-02-29", 4)).toBe("2028-02-28");
    // a period ending just before a leap day covers it
    expect(W.warrantyEnd(accepted("2022-03-01"), "electrical", settings)).toBe("2024-02-29");
  });

  it("foundation and main structure last the design life: the project's, else the settings'", () => {
    expect(W.warrantyEnd(accepted("2024-03-10"), "foundation_structure", settings)).toBe("2074-03-09");
    expect(W.warrantyEnd(accepted("2024-03-10", { designLifeYears: 100 }), "foundation_structure", settings)).toBe("2124-03-09");
    expect(W.warrantyEnd(accepted("2024-03-10"), "foundation_structure", { ...settings, designLifeYears: 25 })).toBe("2049-03-09");
  });

  it("a contract's longer period applies; a stored shorter one never shortens the statutory minimum", () => {
    const items = W.completeItems([
      { category: "electrical", years: 5 },
      { category: "waterproofing", years: 8 },
      { category: "decoration", years: 1 },
    ]);
    const p = accepted("2024-03-10", { warrantyItems: items });
    expect(W.warrantyEnd(p, "electrical", settings)).toBe("2029-03-09");
    expect(W.warrantyEnd(p, "waterproofing", settings)).toBe("2032-03-09");
    expect(W.warrantyEnd(p, "decoration", settings)).toBe("2026-03-09");
    expect(W.period(p, "decoration", settings)).toEqual({ unit: "years", value: 2 });
  });

  it("no end before completion acceptance", () => {
    for (const c of W.categories) expect(W.warrantyEnd(accepted(undefined), c, settings)).toBeUndefined();
  });
});

describe("warranty ends: heating and cooling seasons", () => {
  it("accepted in summer: the next two heating seasons, ending 2026-03-15", () => {
    expect(W.warrantyEnd(accepted("2024-06-01"), "heating", settings)).toBe("2026-03-15");
  });

  it("accepted on a season's first day: that season counts", () => {
    expect(W.warrantyEnd(accepted("2024-11-15"), "heating", settings)).toBe("2026-03-15");
    expect(W.warrantyEnd(accepted("2024-05-15"), "cooling", settings)).toBe("2025-09-30");
  });

  it("accepted during a season (after its first day): that season does not count", () => {
    expect(W.warrantyEnd(accepted("2024-11-16"), "heating", settings)).toBe("2027-03-15");
    expect(W.warrantyEnd(accepted("2025-01-10"), "heating", settings)).toBe("2027-03-15");
    expect(W.warrantyEnd(accepted("2024-07-01"), "cooling", settings)).toBe("2026-09-30");
  });

  it("accepted after a season ended, before the next: the next one is the first", () => {
    expect(W.warrantyEnd(accepted("2025-03-16"), "heating", settings)).toBe("2027-03-15");
    expect(W.warrantyEnd(accepted("2024-10-01"), "cooling", settings)).toBe("2026-09-30");
    expect(W.warrantyEnd(accepted("2024-01-02"), "cooling", settings)).toBe("2025-09-30");
  });

  it("uses the seasons from the settings and a contract's extra seasons", () => {
    const north = { ...settings, heatingSeason: { start: "11-01", end: "03-31" } };
    expect(W.warrantyEnd(accepted("2024-11-01"), "heating", north)).toBe("2026-03-31");
    expect(W.warrantyEnd(accepted("2024-11-02"), "heating", north)).toBe("2027-03-31");
    const three = accepted("2024-06-01", { warrantyItems: W.completeItems([{ category: "heating", seasons: 3 }]) });
    expect(W.warrantyEnd(three, "heating", settings)).toBe("2027-03-15");
  });
});

describe("coverage at the moment of notice (Shanghai dates)", () => {
  const p = accepted("2024-03-10");

  it("23:30 Shanghai on the last day is covered; 00:30 the next day is not", () => {
    const lastEvening = Clock.fromShanghai("2026-03-09", "23:30:00.000");
    expect(lastEvening.toISOString()).toBe("2026-03-09T15:30:00.000Z");
    expect(W.coverage(p, "electrical", lastEvening, settings)).toEqual({ inWarranty: true, endsOn: "2026-03-09", reason: "in_warranty" });
    const nextMorning = Clock.fromShanghai("2026-03-10", "00:30:00.000");
    expect(nextMorning.toISOString()).toBe("2026-03-09T16:30:00.000Z"); // still the 9th in UTC
    expect(W.coverage(p, "electrical", nextMorning, settings)).toEqual({ inWarranty: false, endsOn: "2026-03-09", reason: "expired" });
  });

  it("covered on the acceptance day and within the longer categories", () => {
    expect(W.coverage(p, "electrical", Clock.fromShanghai("2024-03-10", "00:00:00.000"), settings).reason).toBe("in_warranty");
    expect(W.coverage(p, "waterproofing", Clock.fromShanghai("2027-01-01"), settings)).toMatchObject({ inWarranty: true, endsOn: "2029-03-09" });
    expect(W.coverage(p, "electrical", Clock.fromShanghai("2027-01-01"), settings).inWarranty).toBe(false);
  });

  it("before acceptance we are still responsible: covered, not accepted yet", () => {
    expect(W.coverage(accepted(undefined), "plumbing", new Date("2030-01-01T00:00:00Z"), settings)).toEqual({
      inWarranty: true,
      reason: "not_accepted_yet",
    });
    expect(W.coverage(p, "plumbing", Clock.fromShanghai("2024-03-09", "23:59:00.000"), settings)).toMatchObject({
      inWarranty: true,
      reason: "not_accepted_yet",
    });
  });

  it("a heating fault on the last day of the second season is covered, the day after is not", () => {
    const summer = accepted("2024-06-01");
    expect(W.coverage(summer, "heating", Clock.fromShanghai("2026-03-15", "22:00:00.000"), settings).inWarranty).toBe(true);
    expect(W.coverage(summer, "heating", Clock.fromShanghai("2026-03-16", "08:00:00.000"), settings).inWarranty).toBe(false);
  });
});

describe("deposit release", () => {
  it("acceptance + the defects-liability months (project's, else settings')", () => {
    expect(W.depositReleaseOn(accepted("2024-03-10"), settings)).toBe("2026-03-10");
    expect(W.depositReleaseOn(accepted("2024-03-10", { defectsLiabilityMonths: 12 }), settings)).toBe("2025-03-10");
    expect(W.depositReleaseOn(accepted("2024-02-29"), settings)).toBe("2026-02-28");
    expect(W.depositReleaseOn(accepted(undefined), settings)).toBeUndefined();
  });
});

describe("warranty items", () => {
  it("default to the statutory minimum for every category", () => {
    const items = W.completeItems();
    expect(items.map((i) => i.category)).toEqual([...W.categories]);
    const rows = W.summary(accepted("2024-03-10", { warrantyItems: items }), settings);
    expect(Object.fromEntries(rows.map((r) => [r.category, [r.value, r.unit]]))).toEqual({
      foundation_structure: [50, "years"],
      waterproofing: [5, "years"],
      heating: [2, "seasons"],
      cooling: [2, "seasons"],
      electrical: [2, "years"],
      plumbing: [2, "years"],
      equipment: [2, "years"],
      decoration: [2, "years"],
      other: [2, "years"],
    });
    expect(rows.every((r) => !r.lengthened && r.endsOn)).toBe(true);
  });

  it("refuse anything shorter than the minimum, naming it in both languages", () => {
    const errors = W.itemErrors(
      [
        { category: "electrical", years: 3 },
        { category: "waterproofing", years: 4 },
        { category: "heating", seasons: 1 },
        { category: "foundation_structure", years: 30 },
      ],
      50,
    );
    expect(errors.map((e) => e.field)).toEqual(["warrantyItems.1.years", "warrantyItems.2.seasons", "warrantyItems.3.years"]);
    expect(errors[0]!.message["zh-CN"]).toContain("5 年");
    expect(errors[0]!.message.en).toContain("5 years");
    expect(errors[1]!.message["zh-CN"]).toContain("2 个采暖期");
    expect(errors[2]!.message["zh-CN"]).toContain("设计合理使用年限 50 年");
    expect(errors[2]!.message.en).toContain("design life of 50 years");
    expect(errors.every((e) => e.code === "warranty.below_minimum")).toBe(true);
  });

  it("refuse duplicates and the wrong unit", () => {
    const errors = W.itemErrors(
      [
        { category: "electrical", years: 2 },
        { category: "electrical", years: 4 },
        { category: "cooling", years: 2 },
        { category: "plumbing", seasons: 3 },
      ],
      50,
    );
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ["warrantyItems.1.category", "warranty.duplicate_category"],
      ["warrantyItems.2.years", "warranty.wrong_unit"],
      ["warrantyItems.3.seasons", "warranty.wrong_unit"],
    ]);
  });

  it("a shorter design life is a fact of the design, not a shortening", () => {
    expect(W.itemErrors([{ category: "foundation_structure", years: 25 }], 25)).toEqual([]);
  });
});
