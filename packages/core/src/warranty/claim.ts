import { Entity } from "electrodb";
import { ulid } from "ulid";
import { z } from "zod";
import * as Actor from "../actor";
import type { Role } from "../actor";
import * as Attachment from "../attachment";
import * as Clock from "../clock";
import { Configuration, service } from "../dynamo";
import { ConflictError, DomainError, ForbiddenError, isConditionFailed, NotFoundError, ValidationError } from "../error";
import * as History from "../history";
import * as Link from "../link/index";
import * as Mail from "../mail/index";
import * as Project from "../project/index";
import * as Timer from "../timer";
import * as User from "../user/index";
import { fn } from "../util/fn";
import { plainText } from "../util/text";
import { severityNames } from "./deadline";
import * as Deposit from "./deposit";
import { yuan } from "./mails";
import * as Ticket from "./ticket";
import { roles as vocabulary } from "./vocabulary";

/**
 * Third-party repair claims (委托他人维修的费用): when nobody was dispatched to a general repair
 * within the agreed deadline, the customer may hire someone else and file the cost with a
 * receipt; the company approves it (possibly a lower amount) or rejects it with a reason; an
 * approved amount is deducted from the project's warranty deposit exactly once.
 */
export const deciders: Role[] = [...vocabulary.claimDeciders];
export const readers: Role[] = [...vocabulary.claimReaders];
export const MAX_CLAIM_FEN = 100_000_000; // ¥1,000,000 — larger amounts are not a repair cost

const ClaimEntity = new Entity(
  {
    model: { entity: "claim", version: "1", service },
    attributes: {
      claimID: { type: "string", required: true, readOnly: true },
      ticketID: { type: "string", required: true, readOnly: true },
      projectID: { type: "string", required: true, readOnly: true },
      amountFen: { type: "number", required: true, readOnly: true },
      description: { type: "string", required: true, readOnly: true },
      receiptID: { type: "string", required: true, readOnly: true },
      status: { type: ["submitted", "approved", "rejected"] as const, required: true },
      submittedAt: { type: "string", required: true },
      approvedFen: { type: "number" },
      reason: { type: "string" },
      decidedAt: { type: "string" },
      decidedBy: { type: "any" },
      deductedFen: { type: "number" },
      shortfallFen: { type: "number" },
      version: { type: "number", required: true, default: 1 },
      history: History.attribute,
    },
    indexes: {
      byID: { pk: { field: "pk", composite: ["claimID"] }, sk: { field: "sk", composite: [] } },
      byTicket: { index: "gsi1", pk: { field: "gsi1pk", composite: ["ticketID"] }, sk: { field: "gsi1sk", composite: ["submittedAt", "claimID"] } },
      byStatus: { index: "gsi2", pk: { field: "gsi2pk", composite: ["status"] }, sk: { field: "gsi2sk", composite: ["submittedAt", "claimID"] } },
      byProject: { index: "gsi3", pk: { field: "gsi3pk", composite: ["projectID"] }, sk: { field: "gsi3sk", composite: ["submittedAt", "claimID"] } },
    },
  },
  Configuration,
);

export type Info = {
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
  decidedBy?: History.Entry["by"];
  deductedFen?: number;
  shortfallFen?: number;
  version: number;
  history: History.Entry[];
};

export async function fromID(claimID: string): Promise<Info | undefined> {
  const { data } = await ClaimEntity.get({ claimID }).go();
  return (data ?? undefined) as Info | undefined;
}

export async function listByTicket(ticketID: string): Promise<Info[]> {
  const { data } = await ClaimEntity.query.byTicket({ ticketID }).go({ pages: "all" });
  return data as Info[];
}

export async function listByStatus(status: Info["status"]): Promise<Info[]> {
  Actor.assertRole(...readers);
  const { data } = await ClaimEntity.query.byStatus({ status }).go({ pages: "all" });
  return data as Info[];
}

export async function listByProject(projectID: string): Promise<Info[]> {
  Actor.assertRole(...readers);
  const { data } = await ClaimEntity.query.byProject({ projectID }).go({ pages: "all" });
  return data as Info[];
}

export const submitSchema = z
  .object({
    ticketID: z.string().min(1).max(40),
    amountFen: z.number().int().positive().max(MAX_CLAIM_FEN),
    description: plainText(500),
    receiptID: z.string().min(1).max(40),
  })
  .strict();

/** The customer files the third-party cost through the ticket's tracking link. */
export const submit = fn(submitSchema, async (input): Promise<Info> => {
  const actor = Actor.use();
  if (actor.type !== "customer" || actor.properties.scope !== "ticket" || actor.properties.subjectID !== input.ticketID)
    throw new ForbiddenError();
  const ticket = await Ticket.fromID(input.ticketID);
  if (!ticket) throw new NotFoundError("ticket", "工单", "Ticket");
  if (!ticket.thirdPartyAllowedAt)
    throw new DomainError("claim.not_allowed", {
      "zh-CN": "该工单尚未满足委托第三方维修的条件",
      en: "This ticket does not allow a third-party repair",
    }, 409);
  if ((await listByTicket(ticket.ticketID)).some((c) => c.status !== "rejected"))
    throw new ConflictError("claim.exists", { "zh-CN": "该工单已提交过费用，请等待审核结果", en: "A cost was already filed for this ticket; please wait for the review" });
  try {
    await Attachment.confirm(input.receiptID, `link:${actor.properties.linkID}`);
  } catch {
    throw ValidationError.field("receiptID", "not_uploaded", { "zh-CN": "请上传发票或收据", en: "Upload the invoice or receipt" });
  }
  const { data } = await ClaimEntity.create({
    claimID: ulid(),
    ticketID: ticket.ticketID,
    projectID: ticket.projectID,
    amountFen: input.amountFen,
    description: input.description,
    receiptID: input.receiptID,
    status: "submitted",
    submittedAt: Clock.nowISO(),
    history: [History.entry("claim.submitted", { amountFen: input.amountFen })],
  }).go();
  const claim = data as Info;
  const project = await Project.fromID(ticket.projectID);
  for (const role of ["cs_supervisor", "engineering_head"] as const) {
    for (const user of await User.withRole(role)) {
      await Mail.send({
        to: user.email,
        locale: user.locale,
        template: "claim.submitted",
        data: {
          number: ticket.number,
          projectName: project?.name ?? "",
          severity: severityNames[ticket.severity],
          url: Ticket.staffURL(ticket),
          amount: yuan(claim.amountFen),
        },
        idempotencyKey: `claim.submitted:${claim.claimID}:${user.userID}`,
      });
    }
  }
  return claim;
});

async function decide(claim: Info, changes: Partial<Info>, action: string, details: Record<string, unknown>): Promise<Info> {
  if (claim.status !== "submitted")
    throw new ConflictError("claim.already_decided", { "zh-CN": "该费用已审核过", en: "This claim has already been decided" });
  const who = History.entry(action);
  try {
    const { data } = await ClaimEntity.patch({ claimID: claim.claimID })
      .set({ ...(changes as any), status: changes.status, decidedAt: who.at, decidedBy: who.by, version: claim.version + 1 })
      .append({ history: [History.entry(action, details)] })
      .where((a, op) => `${op.eq(a.status, "submitted")} AND ${op.eq(a.version, claim.version)}`)
      .go({ response: "all_new" });
    return data as Info;
  } catch (err) {
    if (isConditionFailed(err))
      throw new ConflictError("claim.already_decided", { "zh-CN": "该费用已审核过", en: "This claim has already been decided" });
    throw err;
  }
}

export const approveSchema = z
  .object({ claimID: z.string().min(1).max(40), approvedFen: z.number().int().positive().max(MAX_CLAIM_FEN), note: plainText(500).optional() })
  .strict();

/**
 * Approves a claim (possibly a lower amount) and deducts it from the deposit. The deduction is a
 * separate, idempotent step keyed by the claim; a timer retries it until done, so a crash between
 * the approval and the deduction heals itself.
 */
export const approve = fn(approveSchema, async (input): Promise<Info> => {
  Actor.assertRole(...deciders);
  const claim = await fromID(input.claimID);
  if (!claim) throw new NotFoundError("claim", "费用申请", "Claim");
  if (input.approvedFen > claim.amountFen)
    throw ValidationError.field("approvedFen", "too_big", {
      "zh-CN": `认可金额不能超过申请金额 ${yuan(claim.amountFen)}`,
      en: `The approved amount cannot exceed the claimed ${yuan(claim.amountFen)}`,
    });
  const approved = await decide(claim, { status: "approved", approvedFen: input.approvedFen, reason: input.note }, "claim.approved", {
    approvedFen: input.approvedFen,
    note: input.note,
  });
  await Timer.create({ kind: "claim.deduct", ref: `claim#${claim.claimID}`, dueAt: Clock.addMinutes(Clock.now(), 2), key: `claim.deduct:${claim.claimID}` });
  const settled = await applyDeduction(approved);
  await notifyCustomer(settled, true);
  return settled;
});

export const rejectSchema = z.object({ claimID: z.string().min(1).max(40), reason: plainText(500) }).strict();

export const reject = fn(rejectSchema, async (input): Promise<Info> => {
  Actor.assertRole(...deciders);
  const claim = await fromID(input.claimID);
  if (!claim) throw new NotFoundError("claim", "费用申请", "Claim");
  const rejected = await decide(claim, { status: "rejected", reason: input.reason }, "claim.rejected", { reason: input.reason });
  await notifyCustomer(rejected, false);
  return rejected;
});

/** Deducts the approved amount (once) and records on the claim what was actually deducted. */
export async function applyDeduction(claim: Info): Promise<Info> {
  if (claim.status !== "approved" || claim.approvedFen === undefined) return claim;
  const deduction = await Deposit.deduct(claim.projectID, claim.claimID, claim.approvedFen, claim.reason);
  if (claim.deductedFen !== undefined) return claim;
  try {
    const { data } = await ClaimEntity.patch({ claimID: claim.claimID })
      .set({ deductedFen: deduction.amountFen, shortfallFen: claim.approvedFen - deduction.amountFen })
      .append({ history: [History.entry("claim.deducted", { deductedFen: deduction.amountFen, balanceAfterFen: deduction.balanceAfterFen })] })
      .where((a, op) => op.notExists(a.deductedFen))
      .go({ response: "all_new" });
    return data as Info;
  } catch (err) {
    if (isConditionFailed(err)) return (await fromID(claim.claimID))!;
    throw err;
  }
}

Timer.handle("claim.deduct", async (timer) => {
  const claim = await fromID(timer.ref.replace(/^claim#/, ""));
  if (claim) await applyDeduction(claim);
});

async function notifyCustomer(claim: Info, approved: boolean) {
  const ticket = await Ticket.fromID(claim.ticketID);
  if (!ticket?.contact.email || !ticket.trackingLinkID) return;
  const token = await Link.reveal(ticket.trackingLinkID);
  if (!token) return;
  const project = await Project.fromID(ticket.projectID);
  await Mail.send({
    to: ticket.contact.email,
    template: "claim.decided",
    data: {
      number: ticket.number,
      projectName: project?.name ?? "",
      severity: severityNames[ticket.severity],
      url: Ticket.trackingURL(token),
      approved,
      amount: yuan(claim.approvedFen ?? 0),
      reason: claim.reason,
    },
    idempotencyKey: `claim.decided:${claim.claimID}`,
  });
}
