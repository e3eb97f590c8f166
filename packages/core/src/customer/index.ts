import { customerReaders, customerWriters } from "../access";
import { Entity } from "electrodb";
import { ulid } from "ulid";
import { z } from "zod";
import * as Actor from "../actor";
import type { Role } from "../actor";
import * as Clock from "../clock";
import { Configuration, service } from "../dynamo";
import { ConflictError, isConditionFailed, NotFoundError } from "../error";
import * as History from "../history";
import { log } from "../log";
import { calendarDate } from "../project/warranty";
import * as Timer from "../timer";
import { fn } from "../util/fn";
import { email as emailSchema, plainText } from "../util/text";

/**
 * Customers (building owners, property-management companies) and their signed contracts. The
 * customer's class (客户分类, policy 四) follows from the cumulative value of its active
 * contracts and is recomputed whenever a contract changes.
 */
export const kinds = ["owner", "property_management", "other"] as const;
export type Kind = (typeof kinds)[number];
export const contactRoles = ["chairman_gm", "chief_engineer", "purchasing", "operations"] as const;
export type ContactRole = (typeof contactRoles)[number];
export const classes = ["A", "B", "C", "D"] as const;
export type Class = (typeof classes)[number];

export const contactRoleNames = {
  chairman_gm: { "zh-CN": "董事长/总经理", en: "Chairman / general manager" },
  chief_engineer: { "zh-CN": "总工/机电负责人", en: "Chief engineer / M&E lead" },
  purchasing: { "zh-CN": "采购负责人", en: "Purchasing lead" },
  operations: { "zh-CN": "运行及维修人员", en: "Operations & maintenance" },
} as const;

export const readers = customerReaders;
export const writers = customerWriters;

/** 1 RMB = 100 fen; 1万 RMB = 1,000,000 fen. */
const WAN_FEN = 1_000_000;
/** Lower bounds of each class, in fen (policy 四: A 1000万以上, B 600–999万, C 200–599万, D 199万以下). */
export const classThresholdsFen = { A: 1000 * WAN_FEN, B: 600 * WAN_FEN, C: 200 * WAN_FEN } as const;

/** The class for a cumulative signed contract value in fen. The policy's gaps (999万–1000万) belong to the lower class. */
export function classFor(fen: number): Class {
  if (fen >= classThresholdsFen.A) return "A";
  if (fen >= classThresholdsFen.B) return "B";
  if (fen >= classThresholdsFen.C) return "C";
  return "D";
}

const contactAttribute = {
  type: "list",
  required: true,
  default: () => [],
  items: {
    type: "map",
    properties: {
      role: { type: contactRoles, required: true },
      name: { type: "string", required: true },
      title: { type: "string" },
      phone: { type: "string" },
      email: { type: "string" },
    },
  },
} as const;

const CustomerEntity = new Entity(
  {
    model: { entity: "customer", version: "1", service },
    attributes: {
      customerID: { type: "string", required: true, readOnly: true },
      name: { type: "string", required: true },
      kind: { type: kinds, required: true },
      address: { type: "string" },
      notes: { type: "string" },
      contacts: contactAttribute,
      cumulativeContractFen: { type: "number", required: true, default: 0 },
      class: { type: classes, required: true, default: "D" },
      version: { type: "number", required: true, default: 1 },
      history: History.attribute,
      createdAt: { type: "string", required: true, readOnly: true, default: () => Clock.nowISO() },
      updatedAt: { type: "string", required: true, default: () => Clock.nowISO(), watch: "*", set: () => Clock.nowISO() },
    },
    indexes: {
      byID: { pk: { field: "pk", composite: ["customerID"] }, sk: { field: "sk", composite: [] } },
      all: { index: "gsi2", pk: { field: "gsi2pk", composite: [] }, sk: { field: "gsi2sk", composite: ["createdAt", "customerID"] } },
    },
  },
  Configuration,
);

/**
 * Contracts live in their customer's partition (same pk), so the recomputation can read them
 * with a strongly consistent query.
 */
const ContractEntity = new Entity(
  {
    model: { entity: "contract", version: "1", service },
    attributes: {
      customerID: { type: "string", required: true, readOnly: true },
      contractID: { type: "string", required: true, readOnly: true },
      number: { type: "string", required: true },
      title: { type: "string", required: true },
      amountFen: { type: "number", required: true },
      signedOn: { type: "string", required: true },
      status: { type: ["active", "cancelled"] as const, required: true, default: "active" },
      version: { type: "number", required: true, default: 1 },
      history: History.attribute,
      createdAt: { type: "string", required: true, readOnly: true, default: () => Clock.nowISO() },
      updatedAt: { type: "string", required: true, default: () => Clock.nowISO(), watch: "*", set: () => Clock.nowISO() },
    },
    indexes: {
      byCustomer: { pk: { field: "pk", composite: ["customerID"] }, sk: { field: "sk", composite: ["contractID"] } },
    },
  },
  Configuration,
);

/**
 * A contract number belongs to at most one contract of a customer (cancelled ones keep theirs, so
 * they can be restored): a claim item, written before the contract, guards it. Keys are
 * lower-cased, so "HT-1" and "ht-1" are the same number.
 */
const NumberClaim = new Entity(
  {
    model: { entity: "contractNumber", version: "1", service },
    attributes: {
      customerID: { type: "string", required: true, readOnly: true },
      number: { type: "string", required: true, readOnly: true },
      contractID: { type: "string", required: true },
    },
    indexes: {
      byNumber: { pk: { field: "pk", composite: ["customerID", "number"] }, sk: { field: "sk", composite: [] } },
    },
  },
  Configuration,
);

export type Contact = { role: ContactRole; name: string; title?: string; phone?: string; email?: string };

export type Info = {
  customerID: string;
  name: string;
  kind: Kind;
  address?: string;
  notes?: string;
  contacts: Contact[];
  /** Sum of the active contracts' amounts, in fen (derived). */
  cumulativeContractFen: number;
  /** From `cumulativeContractFen` (derived). */
  class: Class;
  version: number;
  history: History.Entry[];
  createdAt: string;
  updatedAt: string;
};

export type Contract = {
  contractID: string;
  customerID: string;
  /** 合同编号, unique per customer. */
  number: string;
  title: string;
  amountFen: number;
  signedOn: string;
  status: "active" | "cancelled";
  version: number;
  history: History.Entry[];
  createdAt: string;
  updatedAt: string;
};

/** What the API returns: everything but the history. */
export function present<T extends { history: History.Entry[] }>(item: T): Omit<T, "history"> {
  const { history: _history, ...rest } = item;
  return rest;
}

// ---------------------------------------------------------------------------------------------
// Input

/** "" from a form means "not given"; on update, null (or "") clears the field. */
const blank = (v: unknown) => (v === "" || v === null ? undefined : v);
const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess(blank, schema.optional());
const clearable = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((v) => (v === "" ? null : v), schema.nullable().optional());

const MOBILE = /^1[3-9]\d{9}$/;
/** Area code 0xx(x), 7–8 digits, optional extension; or a 400/800 service number. */
const LANDLINE = /^(0\d{2,3}-?\d{7,8}(-\d{1,6})?|[48]00-?\d{3}-?\d{4})$/;

/** A mainland mobile (+86 optional) or landline number; spaces are dropped. */
export const phoneSchema = z
  .string()
  .transform((s) => s.replace(/[\s()（）]/g, "").replace(/^(\+86|0086)-?(?=1)/, ""))
  .refine((s) => MOBILE.test(s) || LANDLINE.test(s), {
    params: {
      "zh-CN": "电话号码格式不正确（手机 11 位，座机如 010-12345678）",
      en: "Not a valid mainland phone number (11-digit mobile, or landline like 010-12345678)",
    },
  });

const contactSchema = z
  .object({
    role: z.enum(contactRoles),
    name: plainText(60),
    title: optional(plainText(60)),
    phone: optional(phoneSchema),
    email: optional(emailSchema()),
  })
  .strict();

const customerID = z.string().min(1).max(64);

export const createSchema = z
  .object({
    name: plainText(100),
    kind: z.enum(kinds),
    address: optional(plainText(200)),
    notes: optional(plainText(2000)),
    contacts: z.array(contactSchema).max(20).default([]),
  })
  .strict();

export const updateSchema = z
  .object({
    customerID,
    name: plainText(100).optional(),
    kind: z.enum(kinds).optional(),
    address: clearable(plainText(200)),
    notes: clearable(plainText(2000)),
    contacts: z.array(contactSchema).max(20).optional(),
    /** Optimistic concurrency: when given, the update applies only to this version. */
    version: z.number().int().positive().optional(),
  })
  .strict();

const MAX_AMOUNT_FEN = 10 ** 13;
const amountFen = z.number().int().positive().max(MAX_AMOUNT_FEN);

export const addContractSchema = z
  .object({
    customerID,
    number: plainText(60),
    title: plainText(200),
    amountFen,
    signedOn: calendarDate(),
  })
  .strict();

export const updateContractSchema = z
  .object({
    customerID,
    contractID: z.string().min(1).max(64),
    number: plainText(60).optional(),
    title: plainText(200).optional(),
    amountFen: amountFen.optional(),
    signedOn: calendarDate().optional(),
    /** "active" restores a cancelled contract; "cancelled" is the same as removeContract. */
    status: z.enum(["active", "cancelled"]).optional(),
    version: z.number().int().positive().optional(),
  })
  .strict();

export const removeContractSchema = z
  .object({ customerID, contractID: z.string().min(1).max(64), version: z.number().int().positive().optional() })
  .strict();

// ---------------------------------------------------------------------------------------------
// Customers

const notFound = () => new NotFoundError("customer", "客户", "Customer");
const changedError = () =>
  new ConflictError("customer.changed", {
    "zh-CN": "该客户已被他人修改，请刷新后重试",
    en: "Someone else changed this customer; reload and try again",
  });

/** Drops undefined values (ElectroDB maps refuse them). */
function clean<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}

async function load(customerID: string): Promise<Info | undefined> {
  const { data } = await CustomerEntity.get({ customerID }).go({ consistent: true });
  return (data ?? undefined) as Info | undefined;
}

/** A customer by id, for other modules (no role check, as `User.fromID`: callers check their own). */
export async function fromID(customerID: string): Promise<Info | undefined> {
  return load(customerID);
}

/** The customer page: the customer and its contracts (newest signed first). */
export async function detail(customerID: string): Promise<{ customer: Info; contracts: Contract[] }> {
  Actor.assertRole(...readers);
  const customer = await load(customerID);
  if (!customer) throw notFound();
  return { customer, contracts: await queryContracts(customerID) };
}

const collator = new Intl.Collator("zh-CN");

/**
 * Every customer, by name in Chinese collation order (pinyin), which is what staff expect; the
 * table's byte order of Chinese names would be meaningless, so the index is by creation and
 * sorting happens here.
 */
export async function list(): Promise<Info[]> {
  Actor.assertRole(...readers);
  const { data } = await CustomerEntity.query.all({}).go({ pages: "all" });
  return (data as Info[]).sort((a, b) => collator.compare(a.name, b.name) || a.customerID.localeCompare(b.customerID));
}

/**
 * Customers whose name contains `text` (case-insensitive). Filters the full list in memory: a
 * contractor has hundreds of customers, not millions, so one query beats a search index here.
 */
export async function search(text: string): Promise<Info[]> {
  const needle = text.trim().toLowerCase();
  const all = await list();
  return needle ? all.filter((c) => c.name.toLowerCase().includes(needle)) : all;
}

export const create = fn(createSchema, async (input): Promise<Info> => {
  Actor.assertRole(...writers);
  const { data } = await CustomerEntity.create(
    clean({
      customerID: ulid(),
      name: input.name,
      kind: input.kind,
      address: input.address,
      notes: input.notes,
      contacts: input.contacts,
      cumulativeContractFen: 0,
      class: classFor(0),
      version: 1,
      history: [History.entry("customer.created", { name: input.name, kind: input.kind })],
    }),
  ).go();
  return data as Info;
});

/** Changes the customer's own fields; class and cumulative value follow the contracts only. */
export const update = fn(updateSchema, async (input): Promise<Info> => {
  Actor.assertRole(...writers);
  const current = await load(input.customerID);
  if (!current) throw notFound();
  const expected = input.version ?? current.version;
  const set: Record<string, unknown> = {};
  const remove: string[] = [];
  const changes: Record<string, unknown> = {};
  for (const key of ["name", "kind", "address", "notes", "contacts"] as const) {
    const value = input[key];
    if (value === undefined) continue;
    if (value === null) {
      if (current[key] !== undefined) {
        remove.push(key);
        changes[key] = null;
      }
    } else if (JSON.stringify(value) !== JSON.stringify(current[key])) {
      set[key] = clean(value);
      changes[key] = value;
    }
  }
  if (Object.keys(changes).length === 0) {
    if (expected !== current.version) throw changedError();
    return current;
  }
  try {
    let op = CustomerEntity.patch({ customerID: input.customerID })
      .set({ ...(set as any), version: expected + 1 })
      .append({ history: [History.entry("customer.updated", changes)] });
    if (remove.length) op = op.remove(remove as any);
    const { data } = await op.where((a, o) => o.eq(a.version, expected)).go({ response: "all_new" });
    return data as Info;
  } catch (err) {
    if (isConditionFailed(err)) throw changedError();
    throw err;
  }
});

// ---------------------------------------------------------------------------------------------
// Contracts

const contractNotFound = () => new NotFoundError("contract", "合同", "Contract");
const contractChanged = () =>
  new ConflictError("contract.changed", {
    "zh-CN": "该合同已被他人修改，请刷新后重试",
    en: "Someone else changed this contract; reload and try again",
  });
const numberTaken = () =>
  new ConflictError("contract.number_taken", {
    "zh-CN": "该客户已有相同编号的合同（含已作废合同）",
    en: "This customer already has a contract with this number (cancelled ones included)",
  });

async function loadContract(customerID: string, contractID: string): Promise<Contract | undefined> {
  const { data } = await ContractEntity.get({ customerID, contractID }).go({ consistent: true });
  return (data ?? undefined) as Contract | undefined;
}

export async function listContracts(customerID: string): Promise<Contract[]> {
  Actor.assertRole(...readers);
  return queryContracts(customerID);
}

async function queryContracts(customerID: string): Promise<Contract[]> {
  const { data } = await ContractEntity.query.byCustomer({ customerID }).go({ pages: "all", consistent: true });
  return (data as Contract[]).sort((a, b) => b.signedOn.localeCompare(a.signedOn) || a.contractID.localeCompare(b.contractID));
}

/**
 * Claims `number` for `contractID`. A claim held by a contract that no longer carries that
 * number (a crash after renumbering, or before the contract was written) is taken over.
 */
async function claimNumber(customerID: string, number: string, contractID: string) {
  try {
    await NumberClaim.create({ customerID, number, contractID }).go();
    return;
  } catch (err) {
    if (!isConditionFailed(err)) throw err;
  }
  const { data: claim } = await NumberClaim.get({ customerID, number }).go({ consistent: true });
  if (!claim || claim.contractID === contractID) return;
  const holder = await loadContract(customerID, claim.contractID);
  if (holder && holder.number.toLowerCase() === number.toLowerCase()) throw numberTaken();
  try {
    await NumberClaim.patch({ customerID, number })
      .set({ contractID })
      .where((a, op) => op.eq(a.contractID, claim.contractID))
      .go();
  } catch (err) {
    if (isConditionFailed(err)) throw numberTaken();
    throw err;
  }
}

async function releaseNumber(customerID: string, number: string, contractID: string) {
  try {
    await NumberClaim.delete({ customerID, number })
      .where((a, op) => op.eq(a.contractID, contractID))
      .go();
  } catch (err) {
    if (!isConditionFailed(err)) throw err;
  }
}

/**
 * There are no transactions: a contract change writes the contract, then recomputes the
 * customer. A keyed timer scheduled before the contract write recomputes again a few minutes
 * later, so a crash between the two writes heals itself (recomputing is idempotent).
 */
export const RECLASSIFY_DELAY_MINUTES = 5;

async function scheduleHeal(customerID: string, contractID: string, version: number) {
  await Timer.create({
    kind: "customer.reclassify",
    ref: `customer#${customerID}`,
    dueAt: Clock.addMinutes(Clock.now(), RECLASSIFY_DELAY_MINUTES),
    key: `customer.reclassify:${customerID}:${contractID}:${version}`,
  });
}

/**
 * Recomputes the customer's cumulative value and class from its active contracts: reads the
 * customer (its version) first, then the contracts, then writes conditionally on that version,
 * retrying when someone else wrote in between. Writes nothing when nothing changed.
 */
export async function recompute(customerID: string): Promise<Info | undefined> {
  for (let attempt = 1; ; attempt++) {
    const customer = await load(customerID);
    if (!customer) return undefined;
    const contracts = await queryContracts(customerID);
    const total = contracts.filter((c) => c.status === "active").reduce((sum, c) => sum + c.amountFen, 0);
    const cls = classFor(total);
    if (total === customer.cumulativeContractFen && cls === customer.class) return customer;
    const entries = cls === customer.class ? [] : [History.entry("customer.reclassified", { from: customer.class, to: cls, cumulativeContractFen: total })];
    try {
      let op = CustomerEntity.patch({ customerID }).set({ cumulativeContractFen: total, class: cls, version: customer.version + 1 });
      if (entries.length) op = op.append({ history: entries });
      const { data } = await op.where((a, o) => o.eq(a.version, customer.version)).go({ response: "all_new" });
      return data as Info;
    } catch (err) {
      if (!isConditionFailed(err) || attempt >= 10) throw err;
      log.info("customer changed during recompute; retrying", { customerID, attempt });
    }
  }
}

Timer.handle("customer.reclassify", async (timer) => {
  await recompute(timer.ref.replace(/^customer#/, ""));
});

export const addContract = fn(addContractSchema, async (input): Promise<Contract> => {
  Actor.assertRole(...writers);
  if (!(await load(input.customerID))) throw notFound();
  const contractID = ulid();
  await scheduleHeal(input.customerID, contractID, 1);
  await claimNumber(input.customerID, input.number, contractID);
  const { data } = await ContractEntity.create({
    customerID: input.customerID,
    contractID,
    number: input.number,
    title: input.title,
    amountFen: input.amountFen,
    signedOn: input.signedOn,
    status: "active",
    version: 1,
    history: [History.entry("contract.added", { number: input.number, amountFen: input.amountFen, signedOn: input.signedOn })],
  }).go();
  await recompute(input.customerID);
  return data as Contract;
});

async function changeContract(
  customerID: string,
  contractID: string,
  version: number | undefined,
  fields: { number?: string; title?: string; amountFen?: number; signedOn?: string; status?: "active" | "cancelled" },
): Promise<Contract> {
  Actor.assertRole(...writers);
  const current = await loadContract(customerID, contractID);
  if (!current) throw contractNotFound();
  const expected = version ?? current.version;
  const changes: Record<string, unknown> = {};
  for (const key of ["number", "title", "amountFen", "signedOn", "status"] as const) {
    if (fields[key] !== undefined && fields[key] !== current[key]) changes[key] = fields[key];
  }
  if (Object.keys(changes).length === 0) {
    if (expected !== current.version) throw contractChanged();
    return current;
  }
  if (expected !== current.version) throw contractChanged();
  const action =
    changes.status === "cancelled" ? "contract.cancelled" : changes.status === "active" ? "contract.restored" : "contract.updated";
  const renumbered = typeof changes.number === "string" && changes.number.toLowerCase() !== current.number.toLowerCase();
  await scheduleHeal(customerID, contractID, expected + 1);
  if (renumbered) await claimNumber(customerID, changes.number as string, contractID);
  let updated: Contract;
  try {
    const { data } = await ContractEntity.patch({ customerID, contractID })
      .set({ ...(changes as any), version: expected + 1 })
      .append({ history: [History.entry(action, changes)] })
      .where((a, op) => op.eq(a.version, expected))
      .go({ response: "all_new" });
    updated = data as Contract;
  } catch (err) {
    if (renumbered) await releaseNumber(customerID, changes.number as string, contractID);
    if (isConditionFailed(err)) throw contractChanged();
    throw err;
  }
  if (renumbered) await releaseNumber(customerID, current.number, contractID);
  await recompute(customerID);
  return updated;
}

export const updateContract = fn(updateContractSchema, async ({ customerID, contractID, version, ...fields }) =>
  changeContract(customerID, contractID, version, fields),
);

/** Cancels a contract (soft: it stays, with status "cancelled", and no longer counts). */
export const removeContract = fn(removeContractSchema, async ({ customerID, contractID, version }) =>
  changeContract(customerID, contractID, version, { status: "cancelled" }),
);
