import { Entity } from "electrodb";
import { z } from "zod";
import * as Actor from "../actor";
import type { Role } from "../actor";
import * as Clock from "../clock";
import { Configuration, service } from "../dynamo";
import { ConflictError, isConditionFailed, NotFoundError } from "../error";
import * as History from "../history";
import * as Mail from "../mail/index";
import * as Project from "../project/index";
import * as Settings from "../settings/index";
import { siteURL } from "../site";
import * as Timer from "../timer";
import * as User from "../user/index";
import { fn } from "../util/fn";
import { plainText } from "../util/text";
import { roles as vocabulary } from "./vocabulary";

/**
 * Free follow-up service (义务现场跟踪服务): for three months after the customer starts using the
 * building, after-sales visits the site at the frequency in settings. Each visit is a task with a
 * reminder the day before; planning is idempotent (keyed by project and date).
 */
export const readers: Role[] = [...vocabulary.followUpReaders];
export const doers: Role[] = [...vocabulary.followUpDoers];

const FollowUpEntity = new Entity(
  {
    model: { entity: "followUp", version: "1", service },
    attributes: {
      projectID: { type: "string", required: true, readOnly: true },
      dueOn: { type: "string", required: true, readOnly: true },
      status: { type: ["planned", "done", "cancelled"] as const, required: true, default: "planned" },
      doneAt: { type: "string" },
      notes: { type: "string" },
      history: History.attribute,
    },
    indexes: {
      byProject: { pk: { field: "pk", composite: ["projectID"] }, sk: { field: "sk", composite: ["dueOn"] } },
      byStatus: { index: "gsi1", pk: { field: "gsi1pk", composite: ["status"] }, sk: { field: "gsi1sk", composite: ["dueOn", "projectID"] } },
    },
  },
  Configuration,
);

export type Info = { projectID: string; dueOn: string; status: "planned" | "done" | "cancelled"; doneAt?: string; notes?: string; history: History.Entry[] };

/** The follow-up dates: every `interval` days after the in-use date, within the months that follow it. */
export function schedule(inUseSince: string, intervalDays: number, months: number): string[] {
  const start = Clock.fromShanghai(inUseSince, "12:00:00");
  const endDate = new Date(start);
  endDate.setUTCMonth(endDate.getUTCMonth() + months);
  const end = Clock.shanghaiDate(endDate);
  const dates: string[] = [];
  for (let k = 1; ; k++) {
    const date = Clock.shanghaiDate(Clock.addDays(start, k * intervalDays));
    if (date > end) break;
    dates.push(date);
  }
  return dates;
}

/** Plans the project's follow-ups; dates that no longer fit (the in-use date changed) are cancelled. */
export async function plan(project: Project.Info) {
  const existing = await listByProject(project.projectID, true);
  const settings = await Settings.get();
  const wanted = project.inUseSince ? schedule(project.inUseSince, settings.followUpIntervalDays, settings.followUpMonths) : [];
  for (const f of existing) {
    if (f.status === "planned" && !wanted.includes(f.dueOn)) {
      await FollowUpEntity.patch({ projectID: f.projectID, dueOn: f.dueOn })
        .set({ status: "cancelled" })
        .append({ history: [History.entry("followup.cancelled", { reason: "in-use date changed" })] })
        .go();
      await Timer.cancelByRef(`followup#${project.projectID}#${f.dueOn}`);
    }
  }
  for (const dueOn of wanted) {
    if (existing.some((f) => f.dueOn === dueOn && f.status !== "cancelled")) continue;
    try {
      await FollowUpEntity.create({ projectID: project.projectID, dueOn, status: "planned", history: [History.entry("followup.planned")] }).go();
    } catch (err) {
      if (!isConditionFailed(err)) throw err;
      await FollowUpEntity.patch({ projectID: project.projectID, dueOn }).set({ status: "planned" }).go();
    }
    const remindAt = Clock.fromShanghai(Clock.shanghaiDate(Clock.addDays(Clock.fromShanghai(dueOn, "12:00:00"), -1)), "09:00:00");
    await Timer.create({
      kind: "followup.reminder",
      ref: `followup#${project.projectID}#${dueOn}`,
      dueAt: remindAt < Clock.now() ? Clock.now() : remindAt,
      payload: { projectID: project.projectID, dueOn },
      key: `followup.reminder:${project.projectID}:${dueOn}`,
    });
  }
}

export async function listByProject(projectID: string, internal = false): Promise<Info[]> {
  if (!internal) Actor.assertRole(...readers);
  const { data } = await FollowUpEntity.query.byProject({ projectID }).go({ pages: "all" });
  return data as Info[];
}

/** Open follow-up tasks up to a date (the after-sales task list). */
export async function listPlanned(untilDate?: string): Promise<Info[]> {
  Actor.assertRole(...readers);
  const q = FollowUpEntity.query.byStatus({ status: "planned" });
  const { data } = await (untilDate ? q.lte({ dueOn: untilDate }) : q).go({ pages: "all" });
  return data as Info[];
}

export const completeSchema = z
  .object({ projectID: z.string().min(1).max(40), dueOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), notes: plainText(1000) })
  .strict();

export const complete = fn(completeSchema, async (input) => {
  Actor.assertRole(...doers);
  try {
    const { data } = await FollowUpEntity.patch({ projectID: input.projectID, dueOn: input.dueOn })
      .set({ status: "done", doneAt: Clock.nowISO(), notes: input.notes })
      .append({ history: [History.entry("followup.done", { notes: input.notes })] })
      .where((a, op) => op.eq(a.status, "planned"))
      .go({ response: "all_new" });
    await Timer.cancelByRef(`followup#${input.projectID}#${input.dueOn}`);
    return data as Info;
  } catch (err) {
    if (!isConditionFailed(err)) throw err;
    const { data } = await FollowUpEntity.get({ projectID: input.projectID, dueOn: input.dueOn }).go();
    if (!data) throw new NotFoundError("followup", "跟踪服务任务", "Follow-up task");
    throw new ConflictError("followup.not_planned", { "zh-CN": "该任务已完成或已取消", en: "This task is already done or cancelled" });
  }
});

Timer.handle("followup.reminder", async (timer) => {
  const { projectID, dueOn } = timer.payload as { projectID: string; dueOn: string };
  const { data } = await FollowUpEntity.get({ projectID, dueOn }).go();
  if (!data || data.status !== "planned") return;
  const project = await Project.fromID(projectID);
  if (!project) return;
  for (const user of await User.withRole("after_sales")) {
    await Mail.send({
      to: user.email,
      locale: user.locale,
      template: "followup.reminder",
      data: { projectName: project.name, dueOn, url: siteURL("/portal/warranty/followups/") },
      idempotencyKey: `timer:${timer.timerID}:${user.userID}`,
    });
  }
});
