import { CreateScheduleCommand, DeleteScheduleCommand, SchedulerClient, type CreateScheduleCommandInput } from "@aws-sdk/client-scheduler";
import { createHash } from "node:crypto";
import { Entity } from "electrodb";
import { Config } from "sst/node/config";
import { ulid } from "ulid";
import * as Actor from "./actor";
import * as Clock from "./clock";
import { Configuration, service } from "./dynamo";
import { isConditionFailed } from "./error";
import { log } from "./log";

/**
 * Durable timers. A timer is an item (kind, ref, dueAt, status) in the table; it fires at
 * least once and acts exactly once:
 *  - on AWS, creating one also creates a one-time EventBridge Scheduler schedule that invokes
 *    the timer Lambda with the timer id; a recurring sweep catches any that were missed;
 *  - locally, a loop sweeps due timers through the same `fire`.
 * Firing claims the timer with a conditional `pending → firing` update (a duplicate delivery
 * finds it already claimed and does nothing), runs the kind's handler, then marks it `fired`.
 * A crash mid-handler leaves a `firing` claim whose lease expires; the sweep retries it, so
 * handlers must be idempotent in their effects (Mail.send with the timer's key is).
 */
const TimerEntity = new Entity(
  {
    model: { entity: "timer", version: "1", service },
    attributes: {
      timerID: { type: "string", required: true, readOnly: true },
      kind: { type: "string", required: true, readOnly: true },
      ref: { type: "string", required: true, readOnly: true },
      dueAt: { type: "string", required: true },
      status: { type: ["pending", "firing", "fired", "cancelled", "failed"] as const, required: true, default: "pending" },
      payload: { type: "any" },
      attempts: { type: "number", required: true, default: 0 },
      leaseUntil: { type: "string" },
      lastError: { type: "string" },
      firedAt: { type: "string" },
      cancelledAt: { type: "string" },
      createdAt: { type: "string", required: true, readOnly: true, default: () => Clock.nowISO() },
    },
    indexes: {
      byID: { pk: { field: "pk", composite: ["timerID"] }, sk: { field: "sk", composite: [] } },
      /** The sweep's access pattern: timers of a status, by due time. */
      byDue: {
        index: "gsi1",
        pk: { field: "gsi1pk", composite: ["status"] },
        sk: { field: "gsi1sk", composite: ["dueAt", "timerID"] },
      },
      /** Everything scheduled for one aggregate (to show or cancel it). */
      byRef: {
        index: "gsi2",
        pk: { field: "gsi2pk", composite: ["ref"] },
        sk: { field: "gsi2sk", composite: ["kind", "timerID"] },
      },
    },
  },
  Configuration,
);

export type Info = {
  timerID: string;
  kind: string;
  ref: string;
  dueAt: string;
  status: "pending" | "firing" | "fired" | "cancelled" | "failed";
  payload?: any;
  attempts: number;
  leaseUntil?: string;
  firedAt?: string;
  cancelledAt?: string;
  lastError?: string;
};

type Handler = (timer: Info) => Promise<void>;
const handlers = new Map<string, Handler>();

/** Registers what a kind of timer does when it fires. */
export function handle(kind: string, handler: Handler) {
  handlers.set(kind, handler);
}

const LEASE_MS = 5 * 60_000;
const MAX_ATTEMPTS = 8;

/**
 * Schedules `kind` for `ref` at `dueAt`. With a `key`, scheduling is idempotent: the same key
 * always names the same timer, so a planner that runs twice schedules once.
 */
export async function create(input: { kind: string; ref: string; dueAt: Date; payload?: unknown; key?: string }): Promise<Info> {
  const timerID = input.key ? "t" + createHash("sha256").update(input.key).digest("hex").slice(0, 26) : ulid();
  try {
    const { data } = await TimerEntity.create({
      timerID,
      kind: input.kind,
      ref: input.ref,
      dueAt: input.dueAt.toISOString(),
      payload: input.payload,
      status: "pending",
    }).go();
    await scheduler.schedule(data as Info);
    return data as Info;
  } catch (err) {
    if (input.key && isConditionFailed(err)) return (await fromID(timerID))!;
    throw err;
  }
}

export async function fromID(timerID: string): Promise<Info | undefined> {
  const { data } = await TimerEntity.get({ timerID }).go();
  return (data ?? undefined) as Info | undefined;
}

export async function listByRef(ref: string): Promise<Info[]> {
  const { data } = await TimerEntity.query.byRef({ ref }).go({ pages: "all" });
  return data as Info[];
}

/** Cancels a pending timer (e.g. the ticket was resolved early). A fired timer stays fired. */
export async function cancel(timerID: string): Promise<boolean> {
  const timer = await fromID(timerID);
  return timer ? cancelTimer(timer) : false;
}

async function cancelTimer(timer: Info): Promise<boolean> {
  if (timer.status !== "pending") return false;
  try {
    // dueAt is part of the byDue key, so ElectroDB needs it whenever status changes.
    await TimerEntity.patch({ timerID: timer.timerID })
      .set({ status: "cancelled", dueAt: timer.dueAt, cancelledAt: Clock.nowISO() })
      .where((a, op) => op.eq(a.status, "pending"))
      .go();
  } catch (err) {
    if (isConditionFailed(err)) return false;
    throw err;
  }
  await scheduler.unschedule(timer.timerID);
  return true;
}

/** Cancels every pending timer of an aggregate, optionally only some kinds. */
export async function cancelByRef(ref: string, kinds?: string[]): Promise<number> {
  let count = 0;
  for (const timer of await listByRef(ref)) {
    if (timer.status !== "pending" || (kinds && !kinds.includes(timer.kind))) continue;
    // The listing already holds each item; the conditional update guards against a race.
    if (await cancelTimer(timer)) count++;
  }
  return count;
}

export type FireResult = "fired" | "skipped" | "not_due" | "retry" | "failed";

/** Fires one timer if it is due and not already claimed. Safe to call any number of times. */
export async function fire(timerID: string): Promise<FireResult> {
  const now = Clock.now();
  const current = await fromID(timerID);
  if (!current) return "skipped";
  const claimable =
    (current.status === "pending" && current.dueAt <= now.toISOString()) ||
    (current.status === "firing" && (current.leaseUntil ?? "") < new Date().toISOString());
  if (!claimable) return current.status === "pending" ? "not_due" : "skipped";

  // Leases are about real process crashes, so they use the machine's time, not the business clock.
  const lease = new Date(Date.now() + LEASE_MS).toISOString();
  let timer: Info;
  try {
    const { data } = await TimerEntity.patch({ timerID })
      .set({ status: "firing", dueAt: current.dueAt, leaseUntil: lease })
      .add({ attempts: 1 })
      .where(
        (a, op) =>
          `(${op.eq(a.status, "pending")} AND ${op.lte(a.dueAt, now.toISOString())}) OR (${op.eq(a.status, "firing")} AND ${op.lt(a.leaseUntil, new Date().toISOString())})`,
      )
      .go({ response: "all_new" });
    timer = data as Info;
  } catch (err) {
    if (isConditionFailed(err)) return "skipped"; // someone else claimed it first
    throw err;
  }

  const handler = handlers.get(timer.kind);
  try {
    if (!handler) throw new Error(`no handler for timer kind ${timer.kind}`);
    await Actor.system(`timer:${timer.kind}`, () => handler(timer));
  } catch (err) {
    const failed = timer.attempts >= MAX_ATTEMPTS;
    log.error("timer handler failed", { timerID, kind: timer.kind, attempts: timer.attempts, failed, error: err as Error });
    // Back off and let the sweep retry; after MAX_ATTEMPTS it stays visible as failed.
    await TimerEntity.patch({ timerID })
      .set({
        status: failed ? "failed" : "pending",
        dueAt: Clock.addMinutes(now, 2 ** timer.attempts).toISOString(),
        lastError: String((err as Error)?.message ?? err).slice(0, 500),
      })
      .where((a, op) => op.eq(a.status, "firing"))
      .go();
    return failed ? "failed" : "retry";
  }
  await TimerEntity.patch({ timerID })
    .set({ status: "fired", dueAt: timer.dueAt, firedAt: Clock.nowISO() })
    .where((a, op) => op.eq(a.status, "firing"))
    .go();
  return "fired";
}

/** Fires every due timer (and retries stale claims). The local loop and the AWS sweep call this. */
export async function sweep(limit = 200): Promise<{ fired: number; checked: number }> {
  const now = Clock.nowISO();
  const due = await TimerEntity.query.byDue({ status: "pending" }).lte({ dueAt: now }).go({ pages: "all", limit });
  const stale = await TimerEntity.query
    .byDue({ status: "firing" })
    .where((a, op) => op.lt(a.leaseUntil, new Date().toISOString()))
    .go({ pages: "all" });
  let fired = 0;
  for (const timer of [...due.data, ...stale.data]) {
    if ((await fire(timer.timerID)) === "fired") fired++;
  }
  return { fired, checked: due.data.length + stale.data.length };
}

/** Timers that gave up after their retries, for the admin's attention. */
export async function listFailed(): Promise<Info[]> {
  const { data } = await TimerEntity.query.byDue({ status: "failed" }).go({ pages: "all" });
  return data as Info[];
}

/** The EventBridge Scheduler request for a timer: one-time, Shanghai time, deleted after it runs. */
export function scheduleRequest(
  timer: Pick<Info, "timerID" | "dueAt">,
  target: { group: string; functionArn: string; roleArn: string; dlqArn: string },
): CreateScheduleCommandInput {
  // `at()` must not be in the past, and is rounded up to the whole minute so the delivery never
  // arrives before the timer is due (an early delivery would be refused as not due).
  const due = new Date(Math.ceil(Math.max(new Date(timer.dueAt).getTime(), Date.now() + 60_000) / 60_000) * 60_000);
  return {
    Name: `timer-${timer.timerID}`,
    GroupName: target.group,
    ScheduleExpression: `at(${Clock.shanghaiWallClock(due)})`,
    ScheduleExpressionTimezone: Clock.ZONE,
    FlexibleTimeWindow: { Mode: "OFF" },
    ActionAfterCompletion: "DELETE",
    Target: {
      Arn: target.functionArn,
      RoleArn: target.roleArn,
      Input: JSON.stringify({ timerID: timer.timerID }),
      RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 24 * 60 * 60 },
      DeadLetterConfig: { Arn: target.dlqArn },
    },
  };
}

const scheduler = {
  client: undefined as SchedulerClient | undefined,
  enabled() {
    return Config.RUNTIME_MODE === "aws";
  },
  target() {
    return {
      group: Config.SCHEDULE_GROUP,
      functionArn: Config.TIMER_FUNCTION_ARN,
      roleArn: Config.SCHEDULER_ROLE_ARN,
      dlqArn: Config.TIMER_DLQ_ARN,
    };
  },
  async schedule(timer: Info) {
    if (!this.enabled()) return; // locally the timer loop sweeps the table
    this.client ??= new SchedulerClient({});
    try {
      await this.client.send(new CreateScheduleCommand(scheduleRequest(timer, this.target())));
    } catch (err) {
      // The item is the source of truth; the recurring sweep fires it even without a schedule.
      log.warn("could not create schedule; the sweep will fire the timer", { timerID: timer.timerID, error: err as Error });
    }
  },
  async unschedule(timerID: string) {
    if (!this.enabled()) return;
    this.client ??= new SchedulerClient({});
    try {
      await this.client.send(new DeleteScheduleCommand({ Name: `timer-${timerID}`, GroupName: Config.SCHEDULE_GROUP }));
    } catch (err) {
      if ((err as Error).name !== "ResourceNotFoundException") log.warn("could not delete schedule", { timerID, error: err as Error });
    }
  },
};
