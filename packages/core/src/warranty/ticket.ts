import { Entity } from "electrodb";
import { ulid } from "ulid";
import { z } from "zod";
import * as Actor from "../actor";
import type { Role } from "../actor";
import * as Attachment from "../attachment";
import * as Clock from "../clock";
import { Configuration, service } from "../dynamo";
import { ConflictError, DomainError, ForbiddenError, isConditionFailed, NotFoundError, ValidationError, type Message } from "../error";
import * as History from "../history";
import * as Link from "../link/index";
import { log } from "../log";
import * as Mail from "../mail/index";
import * as Project from "../project/index";
import { categories, categoryLabels, coverage as warrantyCoverage } from "../project/warranty";
import * as Settings from "../settings/index";
import { siteURL } from "../site";
import * as Timer from "../timer";
import * as User from "../user/index";
import { nextNumber } from "../util/counter";
import { fn } from "../util/fn";
import { plainText } from "../util/text";
import { deadlines, governing, severities, severityNames, type Deadlines, type Severity } from "./deadline";
import { coverages, openStatuses, roles as vocabulary, statuses, type Coverage, type Status } from "./vocabulary";

/**
 * Repair tickets (报修工单). One item per ticket holds the whole aggregate: its state, clocks,
 * escalations and history. Every transition is a conditional update on the expected status and
 * version, appending to the ticket's history in the same write.
 */
export { statuses, openStatuses, coverages, severities, type Status, type Coverage, type Severity } from "./vocabulary";

/** Who may read tickets, and who may act on them (see vocabulary.ts). */
export const readers: Role[] = [...vocabulary.ticketReaders];
export const actors: Role[] = [...vocabulary.ticketActors];
export const closers: Role[] = [...vocabulary.ticketClosers];
/** Staff who may open a ticket on a customer's behalf (phone call, complaint, return visit). */
export const openers: Role[] = [...vocabulary.ticketOpeners];

export const escalationLadder: { level: 1 | 2 | 3; role: Role; name: Message }[] = [
  { level: 1, role: "after_sales", name: { "zh-CN": "售后服务人员", en: "after-sales staff" } },
  { level: 2, role: "engineering_head", name: { "zh-CN": "工程部长", en: "head of engineering" } },
  { level: 3, role: "general_manager", name: { "zh-CN": "总经理", en: "general manager" } },
];

const TicketEntity = new Entity(
  {
    model: { entity: "ticket", version: "1", service },
    attributes: {
      ticketID: { type: "string", required: true, readOnly: true },
      number: { type: "string", required: true, readOnly: true },
      projectID: { type: "string", required: true, readOnly: true },
      customerID: { type: "string", required: true, readOnly: true },
      source: { type: ["customer_link", "phone", "complaint", "return_visit", "staff"] as const, required: true, readOnly: true },
      description: { type: "string", required: true },
      location: { type: "string", required: true },
      category: { type: "string", required: true },
      urgency: { type: ["emergency", "small", "general", "difficult"] as const, required: true, readOnly: true },
      severity: { type: ["emergency", "small", "general", "difficult"] as const, required: true },
      coverage: { type: ["in_warranty", "expired", "not_our_cause"] as const, required: true },
      warrantyEndsOn: { type: "string" },
      billable: { type: "boolean", required: true },
      coverageNote: { type: "string" },
      photos: { type: "list", items: { type: "string" }, required: true, default: () => [] },
      contact: {
        type: "map",
        required: true,
        properties: { name: { type: "string", required: true }, phone: { type: "string", required: true }, email: { type: "string" } },
      },
      status: { type: statuses, required: true },
      reportedAt: { type: "string", required: true },
      reportedMonth: { type: "string", required: true },
      /** The clock: restarts when the customer reopens the ticket; `cycle` tells the clocks apart. */
      clockStartedAt: { type: "string", required: true },
      cycle: { type: "number", required: true, default: 1 },
      arriveBy: { type: "string" },
      resolveBy: { type: "string" },
      acknowledgedAt: { type: "string" },
      dispatchedAt: { type: "string" },
      engineer: { type: "map", properties: { userID: { type: "string", required: true }, name: { type: "string", required: true } } },
      arrivedAt: { type: "string" },
      repairedAt: { type: "string" },
      repairNote: { type: "string" },
      responsibleTeam: { type: "string" },
      acceptedAt: { type: "string" },
      rating: { type: "number" },
      comment: { type: "string" },
      reopenCount: { type: "number", required: true, default: 0 },
      closedAt: { type: "string" },
      thirdPartyAllowedAt: { type: "string" },
      breaches: { type: "any", required: true, default: () => [] },
      escalations: { type: "any", required: true, default: () => [] },
      trackingLinkID: { type: "string" },
      version: { type: "number", required: true, default: 1 },
      history: History.attribute,
      createdAt: { type: "string", required: true, readOnly: true, default: () => Clock.nowISO() },
      updatedAt: { type: "string", required: true, default: () => Clock.nowISO(), watch: "*", set: () => Clock.nowISO() },
    },
    indexes: {
      byID: { pk: { field: "pk", composite: ["ticketID"] }, sk: { field: "sk", composite: [] } },
      byProject: { index: "gsi1", pk: { field: "gsi1pk", composite: ["projectID"] }, sk: { field: "gsi1sk", composite: ["reportedAt", "ticketID"] } },
      /** Reports read tickets month by month (the month of notice, Shanghai time). */
      byMonth: { index: "gsi2", pk: { field: "gsi2pk", composite: ["reportedMonth"] }, sk: { field: "gsi2sk", composite: ["reportedAt", "ticketID"] } },
      /** The board reads open tickets status by status. */
      byStatus: { index: "gsi3", pk: { field: "gsi3pk", composite: ["status"] }, sk: { field: "gsi3sk", composite: ["reportedAt", "ticketID"] } },
    },
  },
  Configuration,
);

export type Breach = { kind: "arrival" | "resolution"; deadline: string; cycle: number; at: string };
export type Escalation = { level: 1 | 2 | 3; role: Role; cycle: number; deadline: string; at: string; notified: string[] };

export type Info = {
  ticketID: string;
  number: string;
  projectID: string;
  customerID: string;
  source: "customer_link" | "phone" | "complaint" | "return_visit" | "staff";
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
  trackingLinkID?: string;
  version: number;
  history: History.Entry[];
  createdAt: string;
  updatedAt: string;
};

const ref = (ticketID: string) => `ticket#${ticketID}`;
const monthOf = (iso: string) => Clock.shanghaiDate(new Date(iso)).slice(0, 7);

// ---------------------------------------------------------------- reading

export async function fromID(ticketID: string): Promise<Info | undefined> {
  const { data } = await TicketEntity.get({ ticketID }).go();
  return (data ?? undefined) as Info | undefined;
}

/** Several tickets in one batch read (list pages), in no particular order. */
export async function fromIDs(ticketIDs: string[]): Promise<Info[]> {
  if (ticketIDs.length === 0) return [];
  const { data } = await TicketEntity.get([...new Set(ticketIDs)].map((ticketID) => ({ ticketID }))).go();
  return data as Info[];
}

async function mustGet(ticketID: string): Promise<Info> {
  const ticket = await fromID(ticketID);
  if (!ticket) throw new NotFoundError("ticket", "工单", "Ticket");
  return ticket;
}

/** A ticket for staff who may read tickets. */
export async function get(ticketID: string): Promise<Info> {
  Actor.assertRole(...readers);
  return mustGet(ticketID);
}

export async function listByProject(projectID: string): Promise<Info[]> {
  Actor.assertRole(...readers);
  const { data } = await TicketEntity.query.byProject({ projectID }).go({ pages: "all" });
  return (data as Info[]).reverse();
}

/** Tickets in the given statuses, newest first (the board's open view), without a Scan. */
export async function listByStatus(wanted: Status[]): Promise<Info[]> {
  Actor.assertRole(...readers);
  const parts = await Promise.all(wanted.map((status) => TicketEntity.query.byStatus({ status }).go({ pages: "all" })));
  return parts.flatMap((p) => p.data as Info[]).sort((a, b) => b.reportedAt.localeCompare(a.reportedAt));
}

/** Tickets whose notice falls in the given Shanghai months ("YYYY-MM"), for the board and reports. */
export async function listByMonths(months: string[], attributes?: (keyof Info)[]): Promise<Info[]> {
  Actor.assertRole(...readers);
  return queryMonths(months, attributes);
}

/** Without a role check: for the warranty report, which has its own readers. */
export async function queryMonths(months: string[], attributes?: (keyof Info)[]): Promise<Info[]> {
  const parts = await Promise.all(
    months.map((reportedMonth) =>
      TicketEntity.query.byMonth({ reportedMonth }).go({ pages: "all", ...(attributes ? { attributes: attributes as any } : {}) }),
    ),
  );
  return parts.flatMap((p) => p.data as Info[]);
}

/** Whether a deadline has passed unmet. */
export function overdue(ticket: Info, now = Clock.now()): boolean {
  const nowISO = now.toISOString();
  if (ticket.arriveBy && !ticket.arrivedAt && ticket.arriveBy < nowISO && openStatuses.includes(ticket.status)) return true;
  if (ticket.resolveBy && !ticket.repairedAt && ticket.resolveBy < nowISO && openStatuses.includes(ticket.status)) return true;
  return false;
}

// ---------------------------------------------------------------- reporting a repair

const phone = z
  .string()
  .trim()
  .regex(/^(\+?86[- ]?)?(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, "phone");

export const submitSchema = z
  .object({
    projectID: z.string().min(1).max(40),
    description: plainText(1000),
    location: plainText(200),
    category: z.enum(categories as unknown as [string, ...string[]]),
    urgency: z.enum(severities),
    photos: z.array(z.string().min(1).max(40)).max(6).default([]),
    contact: z
      .object({
        name: plainText(40),
        phone: phone.refine(() => true, { params: { "zh-CN": "请填写手机号或座机号", en: "Enter a mobile or landline number" } }),
        email: z.string().trim().toLowerCase().max(254).email().optional().or(z.literal("").transform(() => undefined)),
      })
      .strict(),
    source: z.enum(["customer_link", "phone", "complaint", "return_visit", "staff"]).default("customer_link"),
  })
  .strict();

/**
 * Reports a repair: from the project's repair link (the customer) or by staff on a customer's
 * behalf (a phone call, a complaint, a problem found on a return visit — opened at once).
 * Decides warranty coverage, starts the clock, issues the private tracking link, confirms to
 * the customer and alerts after-sales staff at once.
 */
export const submit = fn(submitSchema, async (input): Promise<{ ticket: Info; trackingToken: string }> => {
  const actor = Actor.use();
  if (actor.type === "customer") {
    if (actor.properties.scope !== "project" || actor.properties.projectID !== input.projectID || input.source !== "customer_link")
      throw new ForbiddenError();
  } else {
    Actor.assertRole(...openers);
    if (input.source === "customer_link") input.source = "staff";
  }
  const project = await Project.fromID(input.projectID);
  if (!project) throw new NotFoundError("project", "工程", "Project");

  // Photos must have been uploaded through this same link (or by staff for this project).
  const uploadRef = actor.type === "customer" ? `link:${actor.properties.linkID}` : `project:${project.projectID}`;
  for (const [i, attachmentID] of input.photos.entries()) {
    try {
      const stored = await Attachment.confirm(attachmentID, uploadRef);
      if (!stored.contentType.startsWith("image/"))
        throw ValidationError.field(`photos.${i}`, "not_image", { "zh-CN": "照片必须是图片文件", en: "Photos must be images" });
    } catch (err) {
      if (err instanceof ValidationError) throw err;
      throw ValidationError.field(`photos.${i}`, "not_uploaded", { "zh-CN": "照片未上传成功，请重新上传", en: "The photo was not uploaded; upload it again" });
    }
  }

  const settings = await Settings.get();
  const now = Clock.now();
  const cover = warrantyCoverage(project, input.category as any, now, settings);
  const severity = input.urgency;
  const clock = deadlines(severity, now, project.agreedRepairDays ?? settings.defaultAgreedRepairDays);
  const ticketID = ulid();
  const number = await nextNumber(`BX-${Clock.shanghaiDate(now).slice(0, 4)}`);
  const { link, token } = await Link.issue({ scope: "ticket", projectID: project.projectID, subjectID: ticketID });
  const reportedAt = now.toISOString();
  // Timers first, then the ticket: a crash in between leaves timers that find no ticket and do
  // nothing; a crash after the write leaves the clock and the alerts already scheduled.
  const planned = { ticketID, severity, cycle: 1, ...clock } as Pick<Info, "ticketID" | "severity" | "cycle" | "arriveBy" | "resolveBy">;
  await scheduleClock(planned, settings);
  await Timer.create({ kind: "ticket.notify_reported", ref: ref(ticketID), dueAt: Clock.addMinutes(now, 2), key: `ticket:${ticketID}:notify_reported` });
  const { data } = await TicketEntity.create({
    ticketID,
    number,
    projectID: project.projectID,
    customerID: project.customerID,
    source: input.source,
    description: input.description,
    location: input.location,
    category: input.category,
    urgency: input.urgency,
    severity,
    coverage: cover.inWarranty ? "in_warranty" : "expired",
    warrantyEndsOn: cover.endsOn,
    billable: !cover.inWarranty,
    photos: input.photos,
    contact: input.contact,
    status: "reported",
    reportedAt,
    reportedMonth: monthOf(reportedAt),
    clockStartedAt: reportedAt,
    cycle: 1,
    ...clock,
    trackingLinkID: link.linkID,
    history: [History.entry("ticket.reported", { severity, coverage: cover.reason, source: input.source, ...clock })],
  }).go();
  const ticket = data as Info;
  // Fast path: alert now. The keyed timer scheduled before the write sends whatever this misses
  // (a mail outage does not fail the customer's report; the timer retries with the same keys).
  try {
    await notifyReported(ticket, project.name, token);
  } catch (err) {
    log.error("alerts for a new ticket deferred to its timer", { ticketID, error: err as Error });
  }
  return { ticket, trackingToken: token };
});

// ---------------------------------------------------------------- transitions

type Change = Partial<Omit<Info, "ticketID" | "number" | "history" | "version">>;

/**
 * The one way a ticket changes: from one of the expected statuses and the version just read,
 * with a history entry in the same write. A concurrent change makes it a 409.
 */
async function transition(ticket: Info, from: Status[], changes: Change, action: string, details?: Record<string, unknown>): Promise<Info> {
  if (!from.includes(ticket.status)) throw wrongStatus(ticket.status);
  // Keys set to undefined are removed (a reopened ticket forgets its last arrival and repair).
  const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  const remove = Object.keys(changes).filter((k) => (changes as any)[k] === undefined && (ticket as any)[k] !== undefined);
  try {
    let update = TicketEntity.patch({ ticketID: ticket.ticketID })
      .set({ ...(set as any), reportedAt: ticket.reportedAt, version: ticket.version + 1 })
      .append({ history: [History.entry(action, details ?? (set as Record<string, unknown>))] });
    if (remove.length) update = update.remove(remove as any);
    const { data } = await update
      .where((a, op) => `${op.eq(a.version, ticket.version)} AND ${op.eq(a.status, ticket.status)}`)
      .go({ response: "all_new" });
    return data as Info;
  } catch (err) {
    if (isConditionFailed(err))
      throw new ConflictError("ticket.changed", { "zh-CN": "工单刚被他人更新，请刷新后重试", en: "The ticket was just changed; reload and try again" });
    throw err;
  }
}

const statusNames: Record<Status, Message> = {
  reported: { "zh-CN": "已报修", en: "reported" },
  acknowledged: { "zh-CN": "已受理", en: "acknowledged" },
  dispatched: { "zh-CN": "已派工", en: "dispatched" },
  on_site: { "zh-CN": "已到场", en: "on site" },
  repaired: { "zh-CN": "已修复", en: "repaired" },
  accepted: { "zh-CN": "已验收", en: "accepted" },
  reopened: { "zh-CN": "退回重修", en: "reopened" },
  closed: { "zh-CN": "已关闭", en: "closed" },
};

function wrongStatus(status: Status) {
  return new ConflictError("ticket.wrong_status", {
    "zh-CN": `工单当前状态为「${statusNames[status]["zh-CN"]}」，不能执行此操作`,
    en: `The ticket is ${statusNames[status].en}; this action is not possible now`,
  });
}

const ticketIDSchema = z.string().min(1).max(40);

export const acknowledgeSchema = z.object({ ticketID: ticketIDSchema }).strict();
export const acknowledge = fn(acknowledgeSchema, async (input) => {
  Actor.assertRole(...actors);
  const ticket = await mustGet(input.ticketID);
  return transition(ticket, ["reported"], { status: "acknowledged", acknowledgedAt: Clock.nowISO() }, "ticket.acknowledged", {});
});

export const classifySchema = z
  .object({
    ticketID: ticketIDSchema,
    severity: z.enum(severities).optional(),
    coverage: z.enum(coverages).optional(),
    note: plainText(500).optional(),
  })
  .strict();

/**
 * Staff judge the severity and whether the fault is ours. Changing the severity restarts the
 * clocks from the original notice (the clock always runs from the moment of notice); a fault not
 * caused by us (非本公司原因) is still answered at once but flagged billable.
 */
export const classify = fn(classifySchema, async (input) => {
  Actor.assertRole(...actors);
  const ticket = await mustGet(input.ticketID);
  if (input.coverage === "not_our_cause" && !input.note)
    throw ValidationError.field("note", "required", { "zh-CN": "判定非本公司原因时请说明理由", en: "Explain why the fault is not ours" });
  const changes: Change = {};
  if (input.coverage && input.coverage !== ticket.coverage) {
    changes.coverage = input.coverage;
    changes.billable = input.coverage !== "in_warranty";
    changes.coverageNote = input.note;
  }
  let restart = false;
  if (input.severity && input.severity !== ticket.severity) {
    if (ticket.repairedAt) throw wrongStatus(ticket.status);
    const project = await Project.fromID(ticket.projectID);
    const settings = await Settings.get();
    const clock = deadlines(input.severity, new Date(ticket.clockStartedAt), project?.agreedRepairDays ?? settings.defaultAgreedRepairDays);
    Object.assign(changes, { severity: input.severity, arriveBy: clock.arriveBy, resolveBy: clock.resolveBy, cycle: ticket.cycle + 1 });
    restart = true;
  }
  if (Object.keys(changes).length === 0) return ticket;
  const open = statuses.filter((s) => s !== "closed");
  const updated = await transition(ticket, open, changes, "ticket.classified", { ...changes, note: input.note });
  if (restart) {
    await Timer.cancelByRef(ref(ticket.ticketID), ["ticket.warning", "ticket.escalate"]);
    await scheduleClock(updated);
  }
  return updated;
});

export const dispatchSchema = z.object({ ticketID: ticketIDSchema, engineerID: z.string().min(1).max(40) }).strict();

export const dispatch = fn(dispatchSchema, async (input) => {
  Actor.assertRole(...actors);
  const ticket = await mustGet(input.ticketID);
  const engineer = await User.fromID(input.engineerID);
  if (!engineer || !engineer.active || !engineer.roles.includes("after_sales"))
    throw ValidationError.field("engineerID", "not_engineer", {
      "zh-CN": "请选择在职的售后服务人员",
      en: "Choose an active after-sales engineer",
    });
  const updated = await transition(
    ticket,
    ["reported", "acknowledged", "reopened", "dispatched"],
    {
      status: "dispatched",
      dispatchedAt: Clock.nowISO(),
      acknowledgedAt: ticket.acknowledgedAt ?? Clock.nowISO(),
      engineer: { userID: engineer.userID, name: engineer.name },
    },
    ticket.status === "dispatched" ? "ticket.redispatched" : "ticket.dispatched",
    { engineer: engineer.name },
  );
  const project = await Project.fromID(ticket.projectID);
  await Mail.send({
    to: engineer.email,
    locale: engineer.locale,
    template: "ticket.dispatched",
    data: { ...refData(updated, project?.name ?? "", staffURL(updated)), location: updated.location, description: updated.description },
    idempotencyKey: `ticket.dispatched:${ticket.ticketID}:${updated.version}`,
  });
  return updated;
});

export const arriveSchema = z.object({ ticketID: ticketIDSchema, arrivedAt: z.string().datetime().optional() }).strict();

/** The engineer is on site. For an emergency this meets the 48-hour clock and stops its escalation. */
export const arrive = fn(arriveSchema, async (input) => {
  const ticket = await mustGet(input.ticketID);
  const me = Actor.use();
  const isEngineer = me.type === "user" && ticket.engineer?.userID === me.properties.userID;
  if (!isEngineer) Actor.assertRole(...actors);
  const now = Clock.now();
  const arrivedAt = input.arrivedAt ? new Date(input.arrivedAt) : now;
  if (arrivedAt > now || (ticket.dispatchedAt && arrivedAt.toISOString() < ticket.dispatchedAt))
    throw ValidationError.field("arrivedAt", "out_of_range", {
      "zh-CN": "到场时间不能早于派工时间，也不能晚于现在",
      en: "The arrival time must be after dispatch and not in the future",
    });
  const updated = await transition(ticket, ["dispatched"], { status: "on_site", arrivedAt: arrivedAt.toISOString() }, "ticket.arrived", {
    arrivedAt: arrivedAt.toISOString(),
    onTime: ticket.arriveBy ? arrivedAt.toISOString() <= ticket.arriveBy : undefined,
  });
  if (ticket.arriveBy) await Timer.cancelByRef(ref(ticket.ticketID), ["ticket.warning", "ticket.escalate"]);
  return updated;
});

export const repairSchema = z
  .object({ ticketID: ticketIDSchema, note: plainText(1000), responsibleTeam: plainText(100).optional() })
  .strict();

/**
 * The repair is done: the clocks stop, and the customer is asked to accept it. The responsible
 * team (一追查: trace the party responsible) links the defect back to the labour records.
 */
export const repair = fn(repairSchema, async (input) => {
  const ticket = await mustGet(input.ticketID);
  const me = Actor.use();
  if (!(me.type === "user" && ticket.engineer?.userID === me.properties.userID)) Actor.assertRole(...actors);
  const updated = await transition(
    ticket,
    ["on_site"],
    { status: "repaired", repairedAt: Clock.nowISO(), repairNote: input.note, responsibleTeam: input.responsibleTeam },
    "ticket.repaired",
    { note: input.note, responsibleTeam: input.responsibleTeam },
  );
  await Timer.cancelByRef(ref(ticket.ticketID));
  await emailCustomer(updated, "ticket.repaired", { note: input.note }, `ticket.repaired:${ticket.ticketID}:${updated.cycle}`);
  return updated;
});

export const closeSchema = z.object({ ticketID: ticketIDSchema, note: plainText(500).optional() }).strict();

export const close = fn(closeSchema, async (input) => {
  Actor.assertRole(...closers);
  const ticket = await mustGet(input.ticketID);
  return transition(ticket, ["accepted"], { status: "closed", closedAt: Clock.nowISO() }, "ticket.closed", { note: input.note });
});

// ---------------------------------------------------------------- the customer's side

function assertTicketLink(ticket: Info) {
  const actor = Actor.use();
  if (actor.type !== "customer" || actor.properties.scope !== "ticket" || actor.properties.subjectID !== ticket.ticketID)
    throw new ForbiddenError();
}

/** The ticket as the customer may see it through the tracking link. */
export async function forCustomer(ticketID: string) {
  const ticket = await mustGet(ticketID);
  assertTicketLink(ticket);
  const project = await Project.fromID(ticket.projectID);
  return publicView(ticket, project?.name ?? "");
}

const customerSteps = new Set([
  "ticket.reported",
  "ticket.acknowledged",
  "ticket.dispatched",
  "ticket.redispatched",
  "ticket.arrived",
  "ticket.repaired",
  "ticket.accepted",
  "ticket.reopened",
  "ticket.closed",
  "ticket.third_party_allowed",
]);

export function publicView(ticket: Info, projectName: string) {
  return {
    number: ticket.number,
    projectName,
    status: ticket.status,
    severity: ticket.severity,
    category: ticket.category,
    categoryLabel: categoryLabels[ticket.category as keyof typeof categoryLabels],
    description: ticket.description,
    location: ticket.location,
    coverage: ticket.coverage,
    clockStartedAt: ticket.clockStartedAt,
    billable: ticket.billable,
    reportedAt: ticket.reportedAt,
    arriveBy: ticket.arriveBy,
    resolveBy: ticket.resolveBy,
    dispatchedAt: ticket.dispatchedAt,
    engineerName: ticket.engineer?.name,
    arrivedAt: ticket.arrivedAt,
    repairedAt: ticket.repairedAt,
    repairNote: ticket.repairNote,
    acceptedAt: ticket.acceptedAt,
    rating: ticket.rating,
    comment: ticket.comment,
    closedAt: ticket.closedAt,
    thirdPartyAllowed: !!ticket.thirdPartyAllowedAt,
    photos: ticket.photos,
    // What the customer sees of the history: the steps of their repair, not internal handling
    // (classification, escalations inside the company).
    timeline: ticket.history
      .filter((h) => customerSteps.has(h.action))
      .map((h) => ({ at: h.at, action: h.action })),
  };
}

export const acceptSchema = z
  .object({ ticketID: ticketIDSchema, rating: z.number().int().min(1).max(5), comment: plainText(500).optional() })
  .strict();

/** The customer accepts the repair (验收) with a rating and a comment. */
export const accept = fn(acceptSchema, async (input) => {
  const ticket = await mustGet(input.ticketID);
  assertTicketLink(ticket);
  if (ticket.status === "accepted" || ticket.status === "closed")
    throw new ConflictError("ticket.already_accepted", { "zh-CN": "该维修已验收", en: "This repair has already been accepted" });
  return transition(
    ticket,
    ["repaired"],
    { status: "accepted", acceptedAt: Clock.nowISO(), rating: input.rating, comment: input.comment },
    "ticket.accepted",
    { rating: input.rating, comment: input.comment },
  );
});

export const reopenSchema = z.object({ ticketID: ticketIDSchema, reason: plainText(500) }).strict();

/** The customer does not accept the repair: the ticket goes back, and its clock starts again. */
export const reopen = fn(reopenSchema, async (input) => {
  const ticket = await mustGet(input.ticketID);
  assertTicketLink(ticket);
  const project = await Project.fromID(ticket.projectID);
  const settings = await Settings.get();
  const now = Clock.now();
  const clock = deadlines(ticket.severity, now, project?.agreedRepairDays ?? settings.defaultAgreedRepairDays);
  const updated = await transition(
    ticket,
    ["repaired"],
    {
      status: "reopened",
      clockStartedAt: now.toISOString(),
      cycle: ticket.cycle + 1,
      arriveBy: clock.arriveBy,
      resolveBy: clock.resolveBy,
      reopenCount: ticket.reopenCount + 1,
      arrivedAt: undefined,
      repairedAt: undefined,
      dispatchedAt: undefined,
    } as Change,
    "ticket.reopened",
    { reason: input.reason },
  );
  await scheduleClock(updated);
  await notifyRole("after_sales", updated, (u) => ({
    template: "ticket.reopened",
    data: { ...refData(updated, project?.name ?? "", staffURL(updated)), reason: input.reason },
    key: `ticket.reopened:${updated.ticketID}:${updated.cycle}:${u.userID}`,
  }));
  return updated;
});

/** Marks that the customer may hire a third party (general repair, deadline passed, nobody dispatched). */
export async function allowThirdParty(ticket: Info): Promise<Info> {
  if (ticket.thirdPartyAllowedAt) return ticket;
  const updated = await transition(ticket, [ticket.status], { thirdPartyAllowedAt: Clock.nowISO() }, "ticket.third_party_allowed", {});
  await emailCustomer(updated, "ticket.third_party", { deadline: ticket.resolveBy! }, `ticket.third_party:${ticket.ticketID}`);
  return updated;
}

// ---------------------------------------------------------------- clocks, warnings, escalation

/**
 * Schedules the warning before the ticket's deadline and the escalation ladder after it, as keyed
 * timers (so scheduling twice schedules once). Each level fires only if the deadline is still unmet
 * when it comes due.
 */
async function scheduleClock(
  ticket: Pick<Info, "ticketID" | "severity" | "cycle" | "arriveBy" | "resolveBy">,
  known?: Settings.Info,
) {
  const deadline = governing(ticket);
  if (!deadline) return;
  const settings = known ?? (await Settings.get());
  const due = new Date(deadline.at);
  const lead = settings.warningLeadHours[ticket.severity as "emergency" | "small" | "general"] ?? 0;
  const warnAt = Clock.addHours(due, -lead);
  const base = `ticket:${ticket.ticketID}:${ticket.cycle}`;
  if (lead > 0 && warnAt > Clock.now()) {
    await Timer.create({ kind: "ticket.warning", ref: ref(ticket.ticketID), dueAt: warnAt, payload: { cycle: ticket.cycle }, key: `${base}:warning` });
  }
  const step = settings.escalationStepHours[ticket.severity as "emergency" | "small" | "general"] ?? 24;
  for (const rung of escalationLadder) {
    await Timer.create({
      kind: "ticket.escalate",
      ref: ref(ticket.ticketID),
      // A deadline that ends a day (23:59:59.999) is missed from the next instant on.
      dueAt: Clock.addHours(new Date(due.getTime() + 1), step * (rung.level - 1)),
      payload: { cycle: ticket.cycle, level: rung.level },
      key: `${base}:escalate:${rung.level}`,
    });
  }
}

function deadlineMet(ticket: Info, kind: "arrival" | "resolution") {
  return kind === "arrival" ? !!ticket.arrivedAt : !!ticket.repairedAt;
}

Timer.handle("ticket.notify_reported", async (timer) => {
  const ticket = await fromID(timer.ref.replace(/^ticket#/, ""));
  if (!ticket) return;
  const project = await Project.fromID(ticket.projectID);
  const token = ticket.trackingLinkID ? await Link.reveal(ticket.trackingLinkID) : undefined;
  await notifyReported(ticket, project?.name ?? "", token);
});

Timer.handle("ticket.warning", async (timer) => {
  const ticket = await fromID(timer.ref.replace(/^ticket#/, ""));
  if (!ticket || ticket.cycle !== timer.payload?.cycle) return;
  const deadline = governing(ticket);
  if (!deadline || deadlineMet(ticket, deadline.kind) || ticket.status === "closed") return;
  const project = await Project.fromID(ticket.projectID);
  const recipients = ticket.engineer ? [await User.fromID(ticket.engineer.userID)] : await User.withRole("after_sales");
  for (const user of recipients) {
    if (!user) continue;
    await Mail.send({
      to: user.email,
      locale: user.locale,
      template: "ticket.warning",
      data: { ...refData(ticket, project?.name ?? "", staffURL(ticket)), deadline: deadline.at, deadlineKind: deadline.kind },
      idempotencyKey: `timer:${timer.timerID}:${user.userID}`,
    });
  }
});

Timer.handle("ticket.escalate", async (timer) => {
  const ticketID = timer.ref.replace(/^ticket#/, "");
  const level = timer.payload?.level as 1 | 2 | 3;
  let ticket = await fromID(ticketID);
  if (!ticket || ticket.cycle !== timer.payload?.cycle) return;
  const deadline = governing(ticket);
  if (!deadline || deadlineMet(ticket, deadline.kind) || ticket.status === "closed" || ticket.status === "accepted") return;
  const rung = escalationLadder.find((r) => r.level === level)!;
  const recipients = await User.withRole(rung.role);
  if (ticket.engineer && level === 1) {
    const engineer = await User.fromID(ticket.engineer.userID);
    if (engineer && !recipients.some((r) => r.userID === engineer.userID)) recipients.push(engineer);
  }
  // Record first (idempotently), then email with keys: a retry after a crash records nothing twice
  // and sends only what was not sent.
  ticket = await recordEscalation(ticket, rung, deadline, recipients.map((r) => r.email));
  const project = await Project.fromID(ticket.projectID);
  for (const user of recipients) {
    await Mail.send({
      to: user.email,
      locale: user.locale,
      template: "ticket.escalated",
      data: {
        ...refData(ticket, project?.name ?? "", staffURL(ticket)),
        level,
        levelName: rung.name[user.locale],
        deadline: deadline.at,
        deadlineKind: deadline.kind,
      },
      idempotencyKey: `timer:${timer.timerID}:${user.userID}`,
    });
  }
  // General repairs: nobody dispatched by the agreed deadline → the customer may hire a third party.
  if (level === 1 && ticket.severity === "general" && !ticket.dispatchedAt && !ticket.thirdPartyAllowedAt) {
    await allowThirdParty(ticket);
  }
});

async function recordEscalation(
  ticket: Info,
  rung: (typeof escalationLadder)[number],
  deadline: { kind: "arrival" | "resolution"; at: string },
  notified: string[],
): Promise<Info> {
  for (let attempt = 0; attempt < 5; attempt++) {
    if (ticket.escalations.some((e) => e.cycle === ticket.cycle && e.level === rung.level)) return ticket;
    const at = Clock.nowISO();
    const escalation: Escalation = { level: rung.level, role: rung.role, cycle: ticket.cycle, deadline: deadline.at, at, notified };
    const breaches =
      rung.level === 1 ? [...ticket.breaches, { kind: deadline.kind, deadline: deadline.at, cycle: ticket.cycle, at }] : ticket.breaches;
    try {
      const { data } = await TicketEntity.patch({ ticketID: ticket.ticketID })
        .set({ escalations: [...ticket.escalations, escalation], breaches, version: ticket.version + 1 })
        .append({ history: [History.entry("ticket.escalated", { level: rung.level, role: rung.role, deadline: deadline.at })] })
        .where((a, op) => op.eq(a.version, ticket.version))
        .go({ response: "all_new" });
      return data as Info;
    } catch (err) {
      if (!isConditionFailed(err)) throw err;
      ticket = await mustGet(ticket.ticketID);
    }
  }
  throw new Error(`could not record escalation for ${ticket.ticketID}`);
}

// ---------------------------------------------------------------- notifications

function refData(ticket: Info, projectName: string, url: string) {
  return { number: ticket.number, projectName, severity: severityNames[ticket.severity], url };
}

export function staffURL(ticket: Pick<Info, "ticketID">) {
  return siteURL(`/portal/warranty/ticket/?id=${ticket.ticketID}`);
}

export function trackingURL(token: string, locale: "zh-CN" | "en" = "zh-CN") {
  return siteURL(`${locale === "en" ? "/en" : ""}/track/#${token}`);
}

async function notifyRole(
  role: Role,
  ticket: Info,
  build: (u: User.Info) => { template: "ticket.reopened" | "ticket.new"; data: any; key: string },
) {
  for (const user of await User.withRole(role)) {
    const { template, data, key } = build(user);
    await Mail.send({ to: user.email, locale: user.locale, template, data, idempotencyKey: key });
  }
}

async function notifyReported(ticket: Info, projectName: string, token: string | undefined) {
  const deadline = governing(ticket);
  if (ticket.contact.email && token) {
    await Mail.send({
      to: ticket.contact.email,
      template: "ticket.received",
      data: { ...refData(ticket, projectName, trackingURL(token)), deadline: deadline?.at, deadlineKind: deadline?.kind },
      idempotencyKey: `ticket.received:${ticket.ticketID}`,
    });
  }
  const coverageText = { in_warranty: "保修期内", expired: "已过保修期（可能收费）", not_our_cause: "非本公司原因" }[ticket.coverage];
  const roles: Role[] = ticket.severity === "emergency" ? ["after_sales", "engineering_head"] : ["after_sales"];
  const notified = new Set<string>();
  for (const role of roles) {
    for (const user of await User.withRole(role)) {
      if (notified.has(user.userID)) continue;
      notified.add(user.userID);
      await Mail.send({
        to: user.email,
        locale: user.locale,
        template: "ticket.new",
        data: { ...refData(ticket, projectName, staffURL(ticket)), description: ticket.description, location: ticket.location, coverage: coverageText },
        idempotencyKey: `ticket.new:${ticket.ticketID}:${user.userID}`,
      });
    }
  }
}

/** Emails the customer (when they left an address), with their tracking link rebuilt from its sealed copy. */
async function emailCustomer(
  ticket: Info,
  template: "ticket.repaired" | "ticket.third_party",
  extra: Record<string, unknown>,
  key: string,
) {
  if (!ticket.contact.email || !ticket.trackingLinkID) return;
  const token = await Link.reveal(ticket.trackingLinkID);
  if (!token) return;
  const project = await Project.fromID(ticket.projectID);
  try {
    await Mail.send({
      to: ticket.contact.email,
      template,
      data: { ...refData(ticket, project?.name ?? "", trackingURL(token)), ...extra } as any,
      idempotencyKey: key,
    });
  } catch (err) {
    // The customer's email is a courtesy; the ticket change stands. Logged for follow-up.
    log.error("customer email failed", { ticketID: ticket.ticketID, template, error: err as Error });
  }
}

export type { Deadlines };
export { DomainError };
