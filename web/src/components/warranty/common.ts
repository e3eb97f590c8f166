import "../../dict/tickets";
// Shared helpers of the warranty islands: types of the API answers, role lists, labels,
// money, durations, the live clock and Asia/Shanghai date helpers.
// Statuses, severities and role lists come from the domain's own vocabulary module (the API
// enforces the roles; the UI only hides what a person may not do).
import { createSignal, onCleanup, onMount, type Accessor } from "solid-js";
import type { ApiError, ApiResult, User } from "../../api";
import { errorText } from "../../errors";
import { localePath, pickMessage, t, type Key, type Locale } from "../../i18n";

// ---------------------------------------------------------------- types (API shapes)

export { statuses, openStatuses, severities, coverages, type Status, type Severity, type Coverage } from "@aftersales/core/warranty/vocabulary";
import { openStatuses, type Coverage, type Severity, type Status } from "@aftersales/core/warranty/vocabulary";
/** The categories' keys; labels come from the dictionary. */
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
export type { Source } from "@aftersales/core/warranty/vocabulary";
import type { Source } from "@aftersales/core/warranty/vocabulary";

export type By = { type: string; id?: string; name?: string };
export type HistoryEntry = { at: string; by: By; action: string; details?: Record<string, unknown> };
export type Breach = { kind: "arrival" | "resolution"; deadline: string; cycle: number; at: string };
export type Escalation = { level: 1 | 2 | 3; role: string; cycle: number; deadline: string; at: string; notified: string[] };

export interface TicketSummary {
  ticketID: string;
  number: string;
  projectID: string;
  projectName?: string;
  source: Source;
  description: string;
  location: string;
  category: string;
  urgency: Severity;
  severity: Severity;
  coverage: Coverage;
  warrantyEndsOn?: string;
  billable: boolean;
  coverageNote?: string;
  photos: string[];
  contact: { name: string; phone: string; email?: string };
  status: Status;
  reportedAt: string;
  reportedMonth: string;
  clockStartedAt: string;
  cycle: number;
  arriveBy?: string;
  resolveBy?: string;
  acknowledgedAt?: string;
  dispatchedAt?: string;
  engineer?: { userID: string; name: string };
  arrivedAt?: string;
  repairedAt?: string;
  repairNote?: string;
  responsibleTeam?: string;
  acceptedAt?: string;
  rating?: number;
  comment?: string;
  reopenCount: number;
  closedAt?: string;
  thirdPartyAllowedAt?: string;
  breaches: Breach[];
  escalations: Escalation[];
  version: number;
  overdue: boolean;
}
export interface TicketFull extends TicketSummary {
  history: HistoryEntry[];
}

export interface Claim {
  claimID: string;
  ticketID: string;
  projectID: string;
  amountFen: number;
  description: string;
  receiptID: string;
  status: "submitted" | "approved" | "rejected";
  submittedAt: string;
  approvedFen?: number;
  reason?: string;
  decidedAt?: string;
  decidedBy?: By;
  deductedFen?: number;
  shortfallFen?: number;
  version: number;
  history: HistoryEntry[];
  receiptURL?: string;
}

export interface ProjectOption {
  projectID: string;
  name: string;
  customerName?: string;
}

// ---------------------------------------------------------------- roles

// The same lists the API enforces (packages/core/src/warranty/vocabulary.ts).
import { roles } from "@aftersales/core/warranty/vocabulary";
export const ticketReaders: readonly string[] = roles.ticketReaders;
export const actors: readonly string[] = roles.ticketActors;
export const closers: readonly string[] = roles.ticketClosers;
export const openers: readonly string[] = roles.ticketOpeners;
export const deciders: readonly string[] = roles.claimDeciders;
export const followUpDoers: readonly string[] = roles.followUpDoers;

export { hasRole, usePortalUser } from "../../portal-user";

/** Runs `cb` when the local demo clock is moved (the shell fires "portal:clock"). */
export function onDemoClock(cb: (now: string) => void) {
  onMount(() => {
    const on = (e: Event) => {
      const now = (e as CustomEvent<{ now: string }>).detail?.now;
      if (now) setServerNow(now);
      cb(now);
    };
    window.addEventListener("portal:clock", on);
    onCleanup(() => window.removeEventListener("portal:clock", on));
  });
}

// ---------------------------------------------------------------- the live clock

// The server's clock may differ from the browser's (and the local demo clock can be moved), so
// countdowns run on the server's time: the offset is taken from each answer's `now`.
let skew = 0;
const [tick, setTick] = createSignal(Date.now());
let timer: ReturnType<typeof setInterval> | undefined;

export function setServerNow(iso: string | undefined) {
  if (!iso) return;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return;
  skew = ms - Date.now();
  setTick(Date.now() + skew);
}

/** Server-time "now" in ms, refreshed every 15 s (reactive). Starts the ticker on first use. */
export function useNow(): Accessor<number> {
  onMount(() => {
    if (!timer) timer = setInterval(() => setTick(Date.now() + skew), 15_000);
  });
  return tick;
}
export const serverNowMs = () => Date.now() + skew;

// ---------------------------------------------------------------- Asia/Shanghai dates

const SH = "Asia/Shanghai";
const ymd = new Intl.DateTimeFormat("en-CA", { timeZone: SH, year: "numeric", month: "2-digit", day: "2-digit" });
const hm = new Intl.DateTimeFormat("en-GB", { timeZone: SH, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

/** "YYYY-MM-DD" of an instant in Shanghai. */
export const shanghaiDate = (ms: number) => ymd.format(new Date(ms));
export const shanghaiMonth = (ms: number) => shanghaiDate(ms).slice(0, 7);
/** "YYYY-MM-DDTHH:mm" (for <input type="datetime-local">) of an instant in Shanghai. */
export const shanghaiInput = (ms: number) => `${shanghaiDate(ms)}T${hm.format(new Date(ms))}`;
/** A Shanghai wall-clock "YYYY-MM-DDTHH:mm" → ISO instant (Shanghai has no DST: always +08:00). */
export function fromShanghaiInput(v: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v)) return undefined;
  const d = new Date(`${v.slice(0, 16)}:00+08:00`);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

const shortFmt = new Map<string, Intl.DateTimeFormat>();
/** "12/05 23:59" — month, day and time in Shanghai (for deadlines on the board). */
export function shortDateTime(iso: string, L: Locale): string {
  let f = shortFmt.get(L);
  if (!f) {
    f = new Intl.DateTimeFormat(L, { timeZone: SH, month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    shortFmt.set(L, f);
  }
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? "—" : f.format(d);
}

// ---------------------------------------------------------------- money

const money = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** Integer fen → "¥1,234.50". */
export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || Number.isNaN(fen)) return "—";
  return `${fen < 0 ? "-" : ""}¥${money.format(Math.abs(fen) / 100)}`;
}
/** "1234.5" (yuan) → 123450 fen; undefined when not a positive amount with ≤ 2 decimals. */
export function parseYuan(v: string): number | undefined {
  const s = v.trim().replace(/[,，¥￥\s]/g, "");
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return undefined;
  const [int, dec = ""] = s.split(".");
  const fen = Number(int) * 100 + Number((dec + "00").slice(0, 2));
  return fen > 0 && Number.isSafeInteger(fen) ? fen : undefined;
}
export const fenToYuanInput = (fen: number) => (fen / 100).toFixed(2);

// ---------------------------------------------------------------- durations and the ticket clock

/** "2天3小时" / "5小时12分" / "12分" (zh) — "2 d 3 h" / "5 h 12 min" (en). */
export function duration(ms: number, L: Locale): string {
  const min = Math.floor(Math.abs(ms) / 60_000);
  if (min < 1) return t(L, "tickets.dur.lt1m");
  const d = Math.floor(min / 1440);
  const h = Math.floor((min % 1440) / 60);
  const m = min % 60;
  const parts: string[] = [];
  if (d) parts.push(t(L, "tickets.dur.d", { n: d }));
  if (h) parts.push(t(L, "tickets.dur.h", { n: h }));
  if (m && !d) parts.push(t(L, "tickets.dur.m", { n: m }));
  return parts.join(L === "en" ? " " : "");
}

export type ClockState =
  | { kind: "arrival" | "resolution"; deadline: string; state: "running"; ms: number; soon: boolean }
  | { kind: "arrival" | "resolution"; deadline: string; state: "overdue"; ms: number }
  | { kind: "arrival" | "resolution"; deadline: string; state: "met"; at: string; lateMs: number }
  | { kind: "arrival" | "resolution"; deadline: string; state: "stopped" }
  | { kind: "elapsed"; state: "running" | "done"; ms: number };

type ClockFields = Pick<TicketSummary, "arriveBy" | "resolveBy" | "arrivedAt" | "repairedAt" | "status" | "clockStartedAt">;

/** The governing deadline (arrival for emergencies, resolution otherwise) and where it stands. */
export function ticketClock(tk: ClockFields, now: number): ClockState {
  const kind = tk.arriveBy ? "arrival" : tk.resolveBy ? "resolution" : undefined;
  if (!kind) {
    const end = tk.repairedAt ? Date.parse(tk.repairedAt) : now;
    return { kind: "elapsed", state: tk.repairedAt ? "done" : "running", ms: Math.max(0, end - Date.parse(tk.clockStartedAt)) };
  }
  const deadline = (kind === "arrival" ? tk.arriveBy : tk.resolveBy)!;
  const metAt = kind === "arrival" ? tk.arrivedAt : tk.repairedAt;
  const due = Date.parse(deadline);
  if (metAt) return { kind, deadline, state: "met", at: metAt, lateMs: Math.max(0, Date.parse(metAt) - due) };
  if (!openStatuses.includes(tk.status)) return { kind, deadline, state: "stopped" };
  if (now <= due) return { kind, deadline, state: "running", ms: due - now, soon: due - now < 2 * 3600_000 };
  return { kind, deadline, state: "overdue", ms: now - due };
}

/** The countdown text: "剩 5小时12分" / "已超时 2小时" / "已用时 3小时" … */
export function clockText(c: ClockState, L: Locale): string {
  if (c.kind === "elapsed") return t(L, c.state === "done" ? "tickets.clock.took" : "tickets.clock.elapsed", { d: duration(c.ms, L) });
  switch (c.state) {
    case "running":
      return t(L, "tickets.clock.left", { d: duration(c.ms, L) });
    case "overdue":
      return t(L, "tickets.clock.overdue", { d: duration(c.ms, L) });
    case "met":
      if (c.lateMs >= 60_000)
        return t(L, c.kind === "arrival" ? "tickets.clock.lateArrival" : "tickets.clock.lateResolution", { d: duration(c.lateMs, L) });
      return t(L, c.kind === "arrival" ? "tickets.clock.metArrival" : "tickets.clock.metResolution");
    case "stopped":
      return t(L, "tickets.clock.stopped");
  }
}

/** CSS modifier of the countdown. */
export function clockClass(c: ClockState): string {
  if (c.kind === "elapsed") return "clock--elapsed";
  if (c.state === "running") return c.soon ? "clock--soon" : "clock--running";
  if (c.state === "overdue") return "clock--overdue";
  if (c.state === "met") return c.lateMs >= 60_000 ? "clock--late" : "clock--met";
  return "clock--stopped";
}

// ---------------------------------------------------------------- labels

const label = (L: Locale, key: string, fallback: string) => {
  try {
    return t(L, key as Key);
  } catch {
    return fallback;
  }
};
export const statusLabel = (L: Locale, s: string) => label(L, `tickets.status.${s}`, s);
export const severityLabel = (L: Locale, s: string) => label(L, `tickets.severity.${s}`, s);
export const coverageLabel = (L: Locale, s: string) => label(L, `tickets.coverage.${s}`, s);
export const categoryLabel = (L: Locale, s: string) => label(L, `tickets.category.${s}`, s);
export const sourceLabel = (L: Locale, s: string) => label(L, `tickets.source.${s}`, s);
export const claimStatusLabel = (L: Locale, s: string) => label(L, `tickets.claim.status.${s}`, s);

/** Who did it: a staff member's name, "customer", "system". */
export function byLabel(L: Locale, by: By | undefined): string {
  if (!by) return "—";
  if (by.type === "user") return by.name || by.id || "—";
  if (by.type === "customer") return t(L, "tickets.by.customer");
  if (by.type === "system") return t(L, "tickets.by.system");
  return "—";
}

// ---------------------------------------------------------------- links

export const ticketHref = (L: Locale, ticketID: string) => `${localePath(L, "/portal/warranty/ticket/")}?id=${encodeURIComponent(ticketID)}`;
export const depositHref = (L: Locale, projectID: string) =>
  `${localePath(L, "/portal/warranty/deposit/")}?projectID=${encodeURIComponent(projectID)}`;
export const boardHref = (L: Locale, projectID?: string) =>
  localePath(L, "/portal/warranty/") + (projectID ? `?project=${encodeURIComponent(projectID)}` : "");
export const signinHref = (L: Locale) => localePath(L, "/signin/");

// ---------------------------------------------------------------- errors

/** Field errors keyed by the full path ("contact.phone") and by its first part ("contact"). */
export function fieldMessages(error: ApiError, L: Locale): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of error.fields ?? []) {
    const m = pickMessage(L, f.message) || f.code;
    const full = String(f.field ?? "_");
    for (const k of new Set([full, full.split(/[.[]/)[0] || "_"])) out[k] = out[k] && !out[k].includes(m) ? `${out[k]} ${m}` : m;
  }
  return out;
}

export type LoadState = "loading" | "ready" | "forbidden" | "notfound" | "error";

/** Common handling of a failed load: 401 → sign-in, 403 → forbidden, 404 → not found. */
export function failedLoad(L: Locale, res: Extract<ApiResult<unknown>, { ok: false }>): { state: LoadState; message: string } {
  if (res.status === 401) {
    location.replace(signinHref(L));
    return { state: "loading", message: "" };
  }
  if (res.status === 403) return { state: "forbidden", message: errorText(L, res.status, res.error) };
  if (res.status === 404) return { state: "notfound", message: errorText(L, res.status, res.error) };
  return { state: "error", message: errorText(L, res.status, res.error) };
}

/** Query-string parameter of the current page. */
export const queryParam = (name: string) => (typeof location === "undefined" ? null : new URLSearchParams(location.search).get(name));
