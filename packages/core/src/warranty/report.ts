import { z } from "zod";
import * as Actor from "../actor";
import type { Role } from "../actor";
import * as Clock from "../clock";
import { ValidationError } from "../error";
import * as Project from "../project/index";
import { fn } from "../util/fn";
import * as Claim from "./claim";
import { EMERGENCY_ARRIVAL_HOURS, severities, type Severity } from "./deadline";
import * as Deposit from "./deposit";
import * as Ticket from "./ticket";
import { roles as vocabulary } from "./vocabulary";

/**
 * The warranty report (保修统计): tickets by severity and status, share of emergencies on site
 * within 48 hours, same-day rate of small issues, breaches and escalations, third-party
 * deductions and deposit balances — for a range of Shanghai months. Reads tickets month by month
 * through the byMonth index (no Scan), only the attributes it needs.
 */
export const readers: Role[] = [...vocabulary.reportReaders];

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "YYYY-MM");
export const rangeSchema = z
  .object({ from: month.optional(), to: month.optional() })
  .strict()
  .transform((r) => {
    const thisMonth = Clock.shanghaiDate().slice(0, 7);
    const to = r.to ?? thisMonth;
    const from = r.from ?? `${to.slice(0, 4)}-01`;
    return { from, to };
  });

export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = from.split("-").map(Number) as [number, number];
  const [ty, tm] = to.split("-").map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    months.push(`${y}-${String(m).padStart(2, "0")}`);
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
  return months;
}

const fields: (keyof Ticket.Info)[] = [
  "ticketID", "number", "projectID", "severity", "status", "coverage", "billable", "reportedAt", "reportedMonth",
  "arriveBy", "resolveBy", "arrivedAt", "repairedAt", "acceptedAt", "rating", "breaches", "escalations", "category", "location",
  "engineer", "closedAt", "thirdPartyAllowedAt",
];

async function ticketsIn(range: { from: string; to: string }) {
  if (range.from > range.to)
    throw ValidationError.field("from", "after_to", { "zh-CN": "开始月份不能晚于结束月份", en: "The start month must not be after the end month" });
  const months = monthsBetween(range.from, range.to);
  if (months.length > 36)
    throw ValidationError.field("from", "too_long", { "zh-CN": "一次最多统计36个月", en: "At most 36 months at a time" });
  return { months, tickets: await Ticket.queryMonths(months, fields) };
}

export const warranty = fn(rangeSchema, async (range) => {
  Actor.assertRole(...readers);
  const { months, tickets } = await ticketsIn(range);
  const now = Clock.now();
  const bySeverity = Object.fromEntries(severities.map((s) => [s, 0])) as Record<Severity, number>;
  const byStatus = Object.fromEntries(Ticket.statuses.map((s) => [s, 0])) as Record<Ticket.Status, number>;
  const bySeverityStatus = Object.fromEntries(
    severities.map((sev) => [sev, Object.fromEntries(Ticket.statuses.map((s) => [s, 0]))]),
  ) as Record<Severity, Record<Ticket.Status, number>>;
  const monthly = Object.fromEntries(months.map((m) => [m, { month: m, reported: 0, repaired: 0, breaches: 0 }]));
  let emergencies = 0, emergencyJudged = 0, onSiteIn48h = 0, emergencyOpenLate = 0;
  let smallJudged = 0, smallSameDay = 0;
  const breaches = { arrival: 0, resolution: 0 };
  const escalations = { 1: 0, 2: 0, 3: 0 } as Record<1 | 2 | 3, number>;
  let ratings = 0, ratingSum = 0, billable = 0;

  for (const t of tickets) {
    bySeverity[t.severity]++;
    byStatus[t.status]++;
    bySeverityStatus[t.severity][t.status]++;
    monthly[t.reportedMonth]!.reported++;
    if (t.repairedAt && monthly[Clock.shanghaiDate(new Date(t.repairedAt)).slice(0, 7)]) monthly[Clock.shanghaiDate(new Date(t.repairedAt)).slice(0, 7)]!.repaired++;
    if (t.billable) billable++;
    if (t.severity === "emergency") {
      emergencies++;
      const limit = new Date(t.reportedAt).getTime() + EMERGENCY_ARRIVAL_HOURS * 3600_000;
      // Judged once someone arrived or the 48 hours are over; a ticket still inside its window
      // neither helps nor hurts the share yet.
      if (t.arrivedAt || now.getTime() > limit) emergencyJudged++;
      if (t.arrivedAt && new Date(t.arrivedAt).getTime() <= limit) onSiteIn48h++;
      else if (!t.arrivedAt && now.getTime() > limit) emergencyOpenLate++;
    }
    if (t.severity === "small") {
      const reportedDay = Clock.shanghaiDate(new Date(t.reportedAt));
      const dayOver = Clock.shanghaiDate(now) > reportedDay;
      const sameDay = !!t.repairedAt && Clock.shanghaiDate(new Date(t.repairedAt)) === reportedDay;
      if (sameDay || dayOver || t.repairedAt) smallJudged++;
      if (sameDay) smallSameDay++;
    }
    for (const b of t.breaches ?? []) {
      breaches[b.kind]++;
      monthly[t.reportedMonth]!.breaches++;
    }
    for (const e of t.escalations ?? []) escalations[e.level]++;
    if (t.rating) {
      ratings++;
      ratingSum += t.rating;
    }
  }

  const fromISO = Clock.fromShanghai(`${range.from}-01`).toISOString();
  const [ty, tm] = range.to.split("-").map(Number) as [number, number];
  const toISO = Clock.fromShanghai(`${tm === 12 ? ty + 1 : ty}-${String(tm === 12 ? 1 : tm + 1).padStart(2, "0")}-01`).toISOString();
  const approved = (await Claim.listByStatus("approved")).filter((c) => c.decidedAt! >= fromISO && c.decidedAt! < toISO);
  const deposits = await Deposit.list();
  const projects = new Map((await Project.list()).map((p) => [p.projectID, p.name]));

  return {
    range: { ...range, months },
    total: tickets.length,
    billable,
    bySeverity,
    byStatus,
    bySeverityStatus,
    emergency: {
      total: emergencies,
      judged: emergencyJudged,
      onSiteWithin48h: onSiteIn48h,
      lateStillOpen: emergencyOpenLate,
      share: emergencyJudged ? onSiteIn48h / emergencyJudged : null,
    },
    small: { judged: smallJudged, sameDay: smallSameDay, rate: smallJudged ? smallSameDay / smallJudged : null },
    breaches,
    escalations,
    satisfaction: { ratings, average: ratings ? ratingSum / ratings : null },
    monthly: Object.values(monthly),
    deductions: {
      claims: approved.length,
      approvedFen: approved.reduce((s, c) => s + (c.approvedFen ?? 0), 0),
      deductedFen: approved.reduce((s, c) => s + (c.deductedFen ?? 0), 0),
      shortfallFen: approved.reduce((s, c) => s + (c.shortfallFen ?? 0), 0),
    },
    deposits: deposits
      .map((d) => ({
        projectID: d.projectID,
        projectName: projects.get(d.projectID) ?? d.projectID,
        amountFen: d.amountFen,
        deductedFen: d.deductedFen,
        balanceFen: d.balanceFen,
        status: d.status,
      }))
      .sort((a, b) => a.projectName.localeCompare(b.projectName, "zh-CN")),
  };
});

const csvCell = (v: unknown) => {
  const s = v === undefined || v === null ? "" : String(v);
  // Neutralise spreadsheet formulas (CSV injection) and quote every cell.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
};

/** The tickets of the range as CSV (UTF-8 with BOM so Excel shows Chinese correctly). */
export const ticketsCSV = fn(rangeSchema, async (range) => {
  Actor.assertRole(...readers);
  const { tickets } = await ticketsIn(range);
  const projects = new Map((await Project.list()).map((p) => [p.projectID, p.name]));
  const header = ["工单号 Number", "项目 Project", "类别 Category", "紧急程度 Severity", "状态 Status", "保修 Coverage", "报修时间 Reported", "到场期限 Arrive by", "到场时间 Arrived", "完成期限 Resolve by", "修复时间 Repaired", "验收时间 Accepted", "评分 Rating", "超时 Breaches", "升级 Escalations", "维修人员 Engineer"];
  const time = (iso?: string) => (iso ? Clock.shanghaiWallClock(new Date(iso)).replace("T", " ") : "");
  const rows = tickets
    .sort((a, b) => a.reportedAt.localeCompare(b.reportedAt))
    .map((t) => [
      t.number, projects.get(t.projectID) ?? t.projectID, t.category, t.severity, t.status, t.coverage,
      time(t.reportedAt), time(t.arriveBy), time(t.arrivedAt), time(t.resolveBy), time(t.repairedAt), time(t.acceptedAt),
      t.rating ?? "", (t.breaches ?? []).length, (t.escalations ?? []).length, t.engineer?.name ?? "",
    ]);
  return "\uFEFF" + [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
});
