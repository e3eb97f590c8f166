import { settingsEditors } from "../access";
import { Entity } from "electrodb";
import { z } from "zod";
import * as Actor from "../actor";
import type { Role } from "../actor";
import { Configuration, service } from "../dynamo";
import { ConflictError, isConditionFailed } from "../error";
import * as History from "../history";
import { isMonthDay } from "../project/warranty";
import { fn } from "../util/fn";

/**
 * Company settings: one item, edited by admins, read by domain code under any caller (timers,
 * customer links, staff). No cache: `get()` is one GetItem, so a change applies at once
 * everywhere (Lambdas included).
 */
const perSeverity = {
  type: "map",
  required: true,
  properties: {
    emergency: { type: "number", required: true },
    small: { type: "number", required: true },
    general: { type: "number", required: true },
  },
} as const;
const season = {
  type: "map",
  required: true,
  properties: { start: { type: "string", required: true }, end: { type: "string", required: true } },
} as const;

const SettingsEntity = new Entity(
  {
    model: { entity: "settings", version: "1", service },
    attributes: {
      settingsID: { type: "string", required: true, readOnly: true },
      defaultAgreedRepairDays: { type: "number", required: true },
      escalationStepHours: perSeverity,
      warningLeadHours: perSeverity,
      followUpIntervalDays: { type: "number", required: true },
      designLifeYears: { type: "number", required: true },
      defectsLiabilityMonths: { type: "number", required: true },
      heatingSeason: season,
      coolingSeason: season,
      version: { type: "number", required: true, default: 1 },
      history: History.attribute,
      updatedAt: { type: "string" },
    },
    indexes: {
      byID: { pk: { field: "pk", composite: ["settingsID"] }, sk: { field: "sk", composite: [] } },
    },
  },
  Configuration,
);

export type PerSeverity = { emergency: number; small: number; general: number };
export type Season = { start: string; end: string };

export type Values = {
  /** 约定期限 for general repairs when the project's contract names none, in calendar days. */
  defaultAgreedRepairDays: number;
  /** Time between escalation levels (after-sales → engineering head → general manager). */
  escalationStepHours: PerSeverity;
  /** How long before a deadline the warning goes out. */
  warningLeadHours: PerSeverity;
  /** Free follow-up visits: how often, during the first `followUpMonths` of use. */
  followUpIntervalDays: number;
  /** Fixed by the policy (客户投入使用后三个月内义务现场跟踪服务); not editable. */
  followUpMonths: number;
  /** Default 合理使用年限 (foundation and main structure warranty) when the project names none. */
  designLifeYears: number;
  /** The deposit is released this many months after completion acceptance. */
  defectsLiabilityMonths: number;
  /** "MM-DD" boundaries; a season whose end is before its start spans the new year. */
  heatingSeason: Season;
  coolingSeason: Season;
};

export type Info = Values & {
  /** 0 while nothing has been saved (the defaults apply). */
  version: number;
  history: History.Entry[];
  updatedAt?: string;
};

export const FOLLOW_UP_MONTHS = 3;

export const defaults: Values = {
  defaultAgreedRepairDays: 7,
  escalationStepHours: { emergency: 4, small: 4, general: 24 },
  warningLeadHours: { emergency: 12, small: 2, general: 24 },
  followUpIntervalDays: 30,
  followUpMonths: FOLLOW_UP_MONTHS,
  designLifeYears: 50,
  defectsLiabilityMonths: 24,
  heatingSeason: { start: "11-15", end: "03-15" },
  coolingSeason: { start: "05-15", end: "09-30" },
};

export const editors = settingsEditors;

const editable = [
  "defaultAgreedRepairDays",
  "escalationStepHours",
  "warningLeadHours",
  "followUpIntervalDays",
  "designLifeYears",
  "defectsLiabilityMonths",
  "heatingSeason",
  "coolingSeason",
] as const;

/**
 * Which settings item this process reads and writes. Always "company" in the product. Test
 * workers share one table and run in parallel, so a test that changes settings points its own
 * worker at a private item instead of disturbing tests that rely on the defaults.
 */
let itemID = "company";
export const testing = {
  useItem(id: string) {
    itemID = id;
  },
};

/** The settings in force: the saved values over the defaults (fields added later get their default). */
export async function get(): Promise<Info> {
  const { data } = await SettingsEntity.get({ settingsID: itemID }).go({ consistent: true });
  if (!data) return { ...structuredClone(defaults), version: 0, history: [] };
  const { settingsID: _id, ...stored } = data as any;
  return { ...structuredClone(defaults), ...stored, followUpMonths: FOLLOW_UP_MONTHS } as Info;
}

/** What the API returns: the values, version and the latest change (who, when), not the whole history. */
export function present(settings: Info) {
  const { history, ...rest } = settings;
  const last = history.at(-1);
  return { ...rest, ...(last ? { lastChange: { at: last.at, by: last.by } } : {}) };
}

/** The settings page: any signed-in staff member may read them. */
export async function read(): Promise<Info> {
  Actor.user();
  return get();
}

const hours = z.number().int().min(1).max(168);
const perSeveritySchema = z.object({ emergency: hours, small: hours, general: hours }).strict();
const monthDay = z.string().refine(isMonthDay, {
  params: { "zh-CN": "格式应为 MM-DD（不可为 02-29）", en: "Use MM-DD (02-29 is not allowed)" },
});
const seasonSchema = z
  .object({ start: monthDay, end: monthDay })
  .strict()
  .refine((s) => s.start !== s.end, {
    path: ["end"],
    params: { "zh-CN": "结束日期不能与开始日期相同", en: "The end must differ from the start" },
  });

export const updateSchema = z
  .object({
    defaultAgreedRepairDays: z.number().int().min(1).max(90).optional(),
    escalationStepHours: perSeveritySchema.optional(),
    warningLeadHours: perSeveritySchema.optional(),
    followUpIntervalDays: z.number().int().min(7).max(92).optional(),
    /** Accepted so a form can send the settings back whole, but only with the policy's value. */
    followUpMonths: z
      .number()
      .refine((v) => v === FOLLOW_UP_MONTHS, {
        params: {
          "zh-CN": `免费跟踪服务期由公司制度规定为 ${FOLLOW_UP_MONTHS} 个月，不可修改`,
          en: `The free follow-up period is fixed by policy at ${FOLLOW_UP_MONTHS} months`,
        },
      })
      .optional(),
    designLifeYears: z.number().int().min(5).max(100).optional(),
    defectsLiabilityMonths: z.number().int().min(1).max(60).optional(),
    heatingSeason: seasonSchema.optional(),
    coolingSeason: seasonSchema.optional(),
    /** Optimistic concurrency: when given, the update applies only to this version (0: never saved). */
    version: z.number().int().min(0).optional(),
  })
  .strict();

const changedError = () =>
  new ConflictError("settings.changed", {
    "zh-CN": "设置已被他人修改，请刷新后重试",
    en: "Someone else changed the settings; reload and try again",
  });

export const update = fn(updateSchema, async (input): Promise<Info> => {
  Actor.assertRole(...editors);
  const current = await get();
  const expected = input.version ?? current.version;
  if (expected !== current.version) throw changedError();
  const changes: Record<string, unknown> = {};
  for (const key of editable) {
    if (input[key] !== undefined && JSON.stringify(input[key]) !== JSON.stringify(current[key])) changes[key] = input[key];
  }
  if (Object.keys(changes).length === 0) return current;
  const entry = History.entry("settings.updated", changes);
  try {
    if (expected === 0) {
      const { followUpMonths: _fixed, ...values } = { ...defaults, ...changes } as Values;
      await SettingsEntity.create({ settingsID: itemID, ...values, version: 1, history: [entry], updatedAt: entry.at }).go();
    } else {
      await SettingsEntity.patch({ settingsID: itemID })
        .set({ ...(changes as any), version: expected + 1, updatedAt: entry.at })
        .append({ history: [entry] })
        .where((a, op) => op.eq(a.version, expected))
        .go();
    }
  } catch (err) {
    if (isConditionFailed(err)) throw changedError();
    throw err;
  }
  return get();
});
