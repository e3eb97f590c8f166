import * as Clock from "../clock";

/**
 * The policy's clocks (质量回访和保修制度 一.4), counted from the moment of notice, in
 * Asia/Shanghai:
 *  - emergency (紧急抢修): someone on site within 48 hours;
 *  - small (小问题): resolved the same calendar day;
 *  - general (一般维修): resolved within the agreed deadline (约定期限), counted in calendar days
 *    and ending at the end of that Shanghai day; if nobody was dispatched by then, the customer may
 *    hire a third party;
 *  - difficult (工艺难度大): as fast as possible — no deadline, the elapsed time shows.
 */
export const severities = ["emergency", "small", "general", "difficult"] as const;
export type Severity = (typeof severities)[number];

export const EMERGENCY_ARRIVAL_HOURS = 48;

export type Deadlines = { arriveBy?: string; resolveBy?: string };

export function deadlines(severity: Severity, noticeAt: Date, agreedDays: number): Deadlines {
  switch (severity) {
    case "emergency":
      return { arriveBy: Clock.addHours(noticeAt, EMERGENCY_ARRIVAL_HOURS).toISOString() };
    case "small":
      return { resolveBy: Clock.endOfShanghaiDay(noticeAt).toISOString() };
    case "general":
      return { resolveBy: Clock.endOfShanghaiDay(Clock.addDays(noticeAt, agreedDays)).toISOString() };
    case "difficult":
      return {};
  }
}

/** The one deadline a severity is judged by, and what meeting it means. */
export function governing(d: Deadlines): { kind: "arrival" | "resolution"; at: string } | undefined {
  if (d.arriveBy) return { kind: "arrival", at: d.arriveBy };
  if (d.resolveBy) return { kind: "resolution", at: d.resolveBy };
  return undefined;
}

export const severityNames = {
  emergency: { "zh-CN": "紧急抢修", en: "Emergency" },
  small: { "zh-CN": "小问题", en: "Small issue" },
  general: { "zh-CN": "一般维修", en: "General repair" },
  difficult: { "zh-CN": "工艺难度大", en: "Technically difficult" },
} as const;
