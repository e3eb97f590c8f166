import { Entity } from "electrodb";
import { ulid } from "ulid";
import * as Actor from "../actor";
import type { Role } from "../actor";
import * as Clock from "../clock";
import { Configuration, service } from "../dynamo";
import { ConflictError, isConditionFailed, NotFoundError } from "../error";
import * as History from "../history";
import * as Mail from "../mail/index";
import * as Project from "../project/index";
import { depositReleaseOn } from "../project/warranty";
import * as Settings from "../settings/index";
import { siteURL } from "../site";
import * as Timer from "../timer";
import * as User from "../user/index";
import { yuan } from "./mails";
import { roles as vocabulary } from "./vocabulary";

/**
 * The warranty deposit ledger (保修金台账) of one project: one item holds the amount, the balance
 * and every entry, so "never below zero" and "each claim deducted once" are guarded by one
 * conditional write. Deductions are keyed by the claim; a retried or raced deduction finds its
 * claim already applied and changes nothing.
 */
export const readers: Role[] = [...vocabulary.depositReaders];

export type Entry = {
  entryID: string;
  kind: "opening" | "adjustment" | "deduction" | "release";
  claimID?: string;
  requestedFen?: number;
  amountFen: number;
  balanceAfterFen: number;
  at: string;
  by: History.Entry["by"];
  note?: string;
};

const DepositEntity = new Entity(
  {
    model: { entity: "deposit", version: "1", service },
    attributes: {
      projectID: { type: "string", required: true, readOnly: true },
      amountFen: { type: "number", required: true },
      balanceFen: { type: "number", required: true },
      deductedFen: { type: "number", required: true, default: 0 },
      status: { type: ["held", "released"] as const, required: true, default: "held" },
      releasedAt: { type: "string" },
      appliedClaims: { type: "list", items: { type: "string" }, required: true, default: () => [] },
      entries: { type: "any", required: true, default: () => [] },
      version: { type: "number", required: true, default: 1 },
      createdAt: { type: "string", required: true, readOnly: true, default: () => Clock.nowISO() },
      updatedAt: { type: "string", required: true, default: () => Clock.nowISO(), watch: "*", set: () => Clock.nowISO() },
    },
    indexes: {
      byProject: { pk: { field: "pk", composite: ["projectID"] }, sk: { field: "sk", composite: [] } },
      all: { index: "gsi1", pk: { field: "gsi1pk", composite: [] }, sk: { field: "gsi1sk", composite: ["projectID"] } },
    },
  },
  Configuration,
);

export type Info = {
  projectID: string;
  amountFen: number;
  balanceFen: number;
  deductedFen: number;
  status: "held" | "released";
  releasedAt?: string;
  appliedClaims: string[];
  entries: Entry[];
  version: number;
};

function entry(e: Omit<Entry, "entryID" | "at" | "by">): Entry {
  const h = History.entry("deposit");
  // Plain JSON: no undefined values inside the list item.
  return JSON.parse(JSON.stringify({ entryID: ulid(), at: h.at, by: h.by, ...e }));
}

async function load(projectID: string): Promise<Info | undefined> {
  const { data } = await DepositEntity.get({ projectID }).go();
  return (data ?? undefined) as Info | undefined;
}

export async function fromProject(projectID: string): Promise<Info | undefined> {
  Actor.assertRole(...readers);
  return load(projectID);
}

/** Every project's ledger (the deposit-balance report). */
export async function list(): Promise<Info[]> {
  Actor.assertRole(...readers);
  const { data } = await DepositEntity.query.all({}).go({ pages: "all" });
  return data as Info[];
}

async function write(current: Info | undefined, next: Partial<Info> & { projectID: string }) {
  if (!current) {
    await DepositEntity.create(next as any).go();
    return;
  }
  const { projectID: _key, ...changes } = next;
  await DepositEntity.patch({ projectID: current.projectID })
    .set({ ...(changes as any), version: current.version + 1 })
    .where((a, op) => op.eq(a.version, current.version))
    .go();
}

/** Retries a read-modify-write on the ledger until it lands (or the change is no longer needed). */
async function change<T>(projectID: string, step: (current: Info | undefined) => { next?: Partial<Info>; result: T }): Promise<T> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const current = await load(projectID);
    const { next, result } = step(current);
    if (!next) return result;
    try {
      await write(current, { ...next, projectID });
      return result;
    } catch (err) {
      if (!isConditionFailed(err)) throw err;
    }
  }
  throw new ConflictError("deposit.busy", { "zh-CN": "保修金台账正忙，请稍后重试", en: "The deposit ledger is busy; try again" });
}

/** Keeps the ledger's amount equal to the project's deposit; an edit adjusts the balance (never below zero). */
export async function syncAmount(projectID: string, amountFen: number) {
  return change(projectID, (current) => {
    if (!current) {
      const opening = entry({ kind: "opening", amountFen, balanceAfterFen: amountFen });
      return { next: { amountFen, balanceFen: amountFen, deductedFen: 0, entries: [opening], appliedClaims: [], status: "held" }, result: undefined };
    }
    if (current.amountFen === amountFen || current.status === "released") return { result: undefined };
    const balance = Math.max(0, current.balanceFen + (amountFen - current.amountFen));
    const adjustment = entry({ kind: "adjustment", amountFen: amountFen - current.amountFen, balanceAfterFen: balance, note: "保修金金额变更 / deposit amount changed" });
    return { next: { amountFen, balanceFen: balance, entries: [...current.entries, adjustment] }, result: undefined };
  });
}

/**
 * Deducts an approved third-party repair cost, once per claim, never below zero: when the balance
 * is smaller than the approved amount only the balance is deducted and the rest is reported as a
 * shortfall. Returns the deduction entry (the existing one on a retry).
 */
export async function deduct(projectID: string, claimID: string, requestedFen: number, note?: string): Promise<Entry> {
  return change(projectID, (current) => {
    if (!current) throw new NotFoundError("deposit", "保修金台账", "Deposit ledger");
    const existing = current.entries.find((e) => e.kind === "deduction" && e.claimID === claimID);
    if (existing || current.appliedClaims.includes(claimID)) return { result: existing! };
    const amountFen = current.status === "released" ? 0 : Math.min(requestedFen, current.balanceFen);
    const balance = current.balanceFen - amountFen;
    const deduction = entry({ kind: "deduction", claimID, requestedFen, amountFen, balanceAfterFen: balance, note });
    return {
      next: {
        balanceFen: balance,
        deductedFen: current.deductedFen + amountFen,
        appliedClaims: [...current.appliedClaims, claimID],
        entries: [...current.entries, deduction],
      },
      result: deduction,
    };
  });
}

/** Releases what is left at the end of the defects-liability period. Idempotent. */
export async function release(projectID: string): Promise<Entry | undefined> {
  return change(projectID, (current) => {
    if (!current || current.status === "released") return { result: undefined };
    const released = entry({ kind: "release", amountFen: current.balanceFen, balanceAfterFen: 0, note: "保修期满释放 / released at warranty end" });
    return { next: { status: "released", releasedAt: Clock.nowISO(), balanceFen: 0, entries: [...current.entries, released] }, result: released };
  });
}

/** Schedules the release on the project's release date (09:00 Shanghai). Re-planning a changed date is safe. */
export async function scheduleRelease(project: Project.Info) {
  const settings = await Settings.get();
  const on = depositReleaseOn(project, settings);
  if (!on) return;
  await Timer.create({
    kind: "deposit.release",
    ref: `project#${project.projectID}`,
    dueAt: Clock.fromShanghai(on, "09:00:00"),
    payload: { on },
    key: `deposit.release:${project.projectID}:${on}`,
  });
}

Timer.handle("deposit.release", async (timer) => {
  const projectID = timer.ref.replace(/^project#/, "");
  const project = await Project.fromID(projectID);
  if (!project) return;
  // A timer planned for a date the project no longer has does nothing.
  if (depositReleaseOn(project, await Settings.get()) !== timer.payload?.on) return;
  const released = await release(projectID);
  const ledger = await load(projectID);
  if (!ledger || ledger.status !== "released") return;
  const amount = released?.amountFen ?? ledger.entries.find((e) => e.kind === "release")?.amountFen ?? 0;
  for (const role of ["finance", "engineering_head"] as const) {
    for (const user of await User.withRole(role)) {
      await Mail.send({
        to: user.email,
        locale: user.locale,
        template: "deposit.released",
        data: { projectName: project.name, amount: yuan(amount), url: siteURL(`/portal/warranty/deposit/?projectID=${projectID}`) },
        idempotencyKey: `timer:${timer.timerID}:${user.userID}`,
      });
    }
  }
});
