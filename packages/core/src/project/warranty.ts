import { z } from "zod";
import * as Clock from "../clock";
import type { FieldError, Message } from "../error";
import type * as Settings from "../settings/index";
import { plainText } from "../util/text";

/**
 * Warranty periods (房屋建筑工程质量保修办法, art. 7 and 8). Pure functions: no I/O, no clock
 * except converting a given instant to its Shanghai date.
 *
 * Periods start on the completion-acceptance date (竣工验收合格之日起计算) and that day counts as
 * the first day. A contract may only lengthen the statutory minimums; a stored item without a
 * number means "the statutory minimum", and a stored number below the current minimum (e.g. the
 * settings' design life was raised later) never shortens it: the longer of the two applies.
 */
export const categories = [
  "foundation_structure",
  "waterproofing",
  "heating",
  "cooling",
  "electrical",
  "plumbing",
  "equipment",
  "decoration",
  "other",
] as const;
export type Category = (typeof categories)[number];

export const categoryLabels: Record<Category, Message> = {
  foundation_structure: { "zh-CN": "地基基础和主体结构", en: "Foundation & main structure" },
  waterproofing: { "zh-CN": "屋面防水、有防水要求的房间和外墙防渗漏", en: "Roof waterproofing, wet rooms & exterior walls" },
  heating: { "zh-CN": "供热系统", en: "Heating system" },
  cooling: { "zh-CN": "供冷系统", en: "Cooling system" },
  electrical: { "zh-CN": "电气管线", en: "Electrical wiring" },
  plumbing: { "zh-CN": "给排水管道", en: "Water supply & drainage pipes" },
  equipment: { "zh-CN": "设备安装", en: "Equipment installation" },
  decoration: { "zh-CN": "装修工程", en: "Decoration" },
  other: { "zh-CN": "其他", en: "Other" },
};

export type Unit = "years" | "seasons";
/** Heating and cooling are counted in seasons (采暖期 / 供冷期), everything else in years. */
export const units: Record<Category, Unit> = {
  foundation_structure: "years",
  waterproofing: "years",
  heating: "seasons",
  cooling: "seasons",
  electrical: "years",
  plumbing: "years",
  equipment: "years",
  decoration: "years",
  other: "years",
};

/**
 * Statutory minimums (art. 7). `foundation_structure` is the design's service life (合理使用年限),
 * so it is not a constant. `other` is not named by the regulation: 2 years is our choice, the
 * same as the regulation's catch-all categories.
 */
export const statutoryMinimums: Record<Exclude<Category, "foundation_structure">, number> = {
  waterproofing: 5,
  heating: 2,
  cooling: 2,
  electrical: 2,
  plumbing: 2,
  equipment: 2,
  decoration: 2,
  other: 2,
};

export type Item = { category: Category; years?: number; seasons?: number; note?: string };

export type MonthDay = { start: string; end: string };
/** What the rules need from the company settings. */
export type Rules = Pick<Settings.Info, "designLifeYears" | "defectsLiabilityMonths" | "heatingSeason" | "coolingSeason">;
/** What the rules need from a project. */
export type Subject = {
  completionAcceptedOn?: string;
  designLifeYears?: number;
  defectsLiabilityMonths?: number;
  warrantyItems?: Item[];
};

export const itemSchema = z
  .object({
    category: z.enum(categories),
    years: z.number().int().min(1).max(200).optional(),
    seasons: z.number().int().min(1).max(200).optional(),
    note: plainText(200).optional(),
  })
  .strict();

// ---------------------------------------------------------------------------------------------
// Calendar dates ("YYYY-MM-DD", Shanghai business dates). Arithmetic on UTC midnight is exact
// for calendar dates: no time zone or daylight saving enters.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return d.getUTCFullYear() === +m[1]! && d.getUTCMonth() === +m[2]! - 1 && d.getUTCDate() === +m[3]! && +m[1]! >= 1900;
}

/** A business date in a request: a real calendar date "YYYY-MM-DD" (2024-02-30 is refused). */
export function calendarDate() {
  return z.string().refine(isCalendarDate, {
    params: { "zh-CN": "日期无效，格式应为 YYYY-MM-DD", en: "Not a valid date (YYYY-MM-DD)" },
  });
}

/** "MM-DD" for season boundaries; 02-29 is refused because most years have none. */
export function isMonthDay(value: string): boolean {
  return /^\d{2}-\d{2}$/.test(value) && value !== "02-29" && isCalendarDate(`2023-${value}`);
}

function parts(date: string): [number, number, number] {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return [y, m, d];
}

function format(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function isLeap(year: number) {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return format(new Date(Date.UTC(y, m - 1, d + days)));
}

/** Adds calendar months; a day the target month lacks becomes its last day (01-31 + 1 month → 02-28/29). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return format(new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastDay))));
}

/**
 * The last day of a period of `years` years that starts on (and includes) `date`: the day before
 * the anniversary, e.g. 2024-03-10 + 2 years → 2026-03-09. A period starting on 29 February ends
 * on 28 February when that year has no 29th (the whole of February stays covered, never less).
 */
export function lastDayOfYears(date: string, years: number): string {
  const [y, m, d] = parts(date);
  const end = y + years;
  if (m === 2 && d === 29 && !isLeap(end)) return `${end}-02-28`;
  return addDays(`${end}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`, -1);
}

/**
 * The last day of the `n`th season (heating or cooling) counted from `date`. Seasons count from
 * the first one that STARTS on or after `date`: a project accepted in the middle of a season does
 * not get that partial season counted (it is a bonus, not one of the n); accepted on a season's
 * first day, that season is the first. A season whose end is before its start (heating,
 * 11-15 → 03-15) ends in the following year.
 */
export function lastDayOfSeasons(date: string, season: MonthDay, n: number): string {
  const [y] = parts(date);
  const firstStartYear = `${y}-${season.start}` >= date ? y : y + 1;
  const startYear = firstStartYear + n - 1;
  const endYear = season.end < season.start ? startYear + 1 : startYear;
  return `${endYear}-${season.end}`;
}

// ---------------------------------------------------------------------------------------------
// The rules

export function designLife(project: Subject, settings: Pick<Rules, "designLifeYears">): number {
  return project.designLifeYears ?? settings.designLifeYears;
}

/** The statutory minimum of a category, in its unit (years or seasons). */
export function minimum(category: Category, project: Subject, settings: Pick<Rules, "designLifeYears">): number {
  return category === "foundation_structure" ? designLife(project, settings) : statutoryMinimums[category];
}

/** The period that applies: the contract's value when longer than the minimum, else the minimum. */
export function period(project: Subject, category: Category, settings: Pick<Rules, "designLifeYears">): { unit: Unit; value: number } {
  const unit = units[category];
  const item = project.warrantyItems?.find((i) => i.category === category);
  const agreed = item?.[unit];
  return { unit, value: Math.max(agreed ?? 0, minimum(category, project, settings)) };
}

/** The last covered Shanghai date of a category, or undefined while the project is not accepted. */
export function warrantyEnd(project: Subject, category: Category, settings: Rules): string | undefined {
  const start = project.completionAcceptedOn;
  if (!start) return undefined;
  const { unit, value } = period(project, category, settings);
  if (unit === "years") return lastDayOfYears(start, value);
  return lastDayOfSeasons(start, category === "heating" ? settings.heatingSeason : settings.coolingSeason, value);
}

export type Coverage = { inWarranty: boolean; endsOn?: string; reason: "in_warranty" | "expired" | "not_accepted_yet" };

/**
 * Whether a fault noticed at `noticeAt` is in warranty: the Shanghai date of the notice against
 * the last covered day (inclusive). Before completion acceptance we are still responsible for the
 * work, so it counts as covered ("not_accepted_yet"), also for a notice dated before a recorded
 * acceptance date.
 */
export function coverage(project: Subject, category: Category, noticeAt: Date, settings: Rules): Coverage {
  const endsOn = warrantyEnd(project, category, settings);
  if (!endsOn) return { inWarranty: true, reason: "not_accepted_yet" };
  const day = Clock.shanghaiDate(noticeAt);
  if (day < project.completionAcceptedOn!) return { inWarranty: true, endsOn, reason: "not_accepted_yet" };
  return day <= endsOn ? { inWarranty: true, endsOn, reason: "in_warranty" } : { inWarranty: false, endsOn, reason: "expired" };
}

/** When the warranty deposit (保修金) is released: acceptance + the defects-liability months. */
export function depositReleaseOn(project: Subject, settings: Pick<Rules, "defectsLiabilityMonths">): string | undefined {
  if (!project.completionAcceptedOn) return undefined;
  return addMonths(project.completionAcceptedOn, project.defectsLiabilityMonths ?? settings.defectsLiabilityMonths);
}

/** One item per category, in the categories' order; missing categories get the statutory minimum. */
export function completeItems(items: Item[] = []): Item[] {
  return categories.map((category) => items.find((i) => i.category === category) ?? { category });
}

function describeMinimum(category: Category, min: number): Message {
  if (category === "foundation_structure") return { "zh-CN": `设计合理使用年限 ${min} 年`, en: `the design life of ${min} years` };
  if (category === "heating") return { "zh-CN": `${min} 个采暖期`, en: `${min} heating seasons` };
  if (category === "cooling") return { "zh-CN": `${min} 个供冷期`, en: `${min} cooling seasons` };
  return { "zh-CN": `${min} 年`, en: `${min} years` };
}

/**
 * Field errors for a project's warranty items (paths `warrantyItems.<i>.<field>`): one item per
 * category, the category's unit only, and nothing shorter than the statutory minimum.
 */
export function itemErrors(items: Item[], designLifeYears: number): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<Category>();
  items.forEach((item, i) => {
    const at = `warrantyItems.${i}`;
    if (seen.has(item.category)) {
      errors.push({
        field: `${at}.category`,
        code: "warranty.duplicate_category",
        message: { "zh-CN": "每个保修类别只能填写一项", en: "Only one item per warranty category" },
      });
    }
    seen.add(item.category);
    const unit = units[item.category];
    const other: Unit = unit === "years" ? "seasons" : "years";
    if (item[other] !== undefined) {
      errors.push({
        field: `${at}.${other}`,
        code: "warranty.wrong_unit",
        message:
          unit === "seasons"
            ? { "zh-CN": "供热、供冷系统按采暖期/供冷期计算，请填写期数", en: "Heating and cooling are counted in seasons, not years" }
            : { "zh-CN": "该类别按年计算，请填写年数", en: "This category is counted in years, not seasons" },
      });
    }
    const min = minimum(item.category, { designLifeYears }, { designLifeYears });
    const value = item[unit];
    if (value !== undefined && value < min) {
      const what = describeMinimum(item.category, min);
      errors.push({
        field: `${at}.${unit}`,
        code: "warranty.below_minimum",
        message: {
          "zh-CN": `保修期不得短于法定最低保修期（${what["zh-CN"]}），合同只能延长`,
          en: `Must not be shorter than the statutory minimum (${what.en}); a contract may only lengthen it`,
        },
      });
    }
  });
  return errors;
}

export type Row = {
  category: Category;
  label: Message;
  unit: Unit;
  /** The statutory minimum, in `unit`. */
  minimum: number;
  /** The period that applies, in `unit` (≥ minimum). */
  value: number;
  lengthened: boolean;
  note?: string;
  /** Last covered Shanghai date; absent until completion acceptance. */
  endsOn?: string;
};

/** Every category's period and end, for the project page. */
export function summary(project: Subject, settings: Rules): Row[] {
  return categories.map((category) => {
    const { unit, value } = period(project, category, settings);
    const min = minimum(category, project, settings);
    const note = project.warrantyItems?.find((i) => i.category === category)?.note;
    const endsOn = warrantyEnd(project, category, settings);
    return {
      category,
      label: categoryLabels[category],
      unit,
      minimum: min,
      value,
      lengthened: value > min,
      ...(note ? { note } : {}),
      ...(endsOn ? { endsOn } : {}),
    };
  });
}
