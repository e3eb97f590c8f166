import { projectWriters } from "../access";
import { Entity } from "electrodb";
import { ulid } from "ulid";
import { z } from "zod";
import * as Actor from "../actor";
import type { Role } from "../actor";
import * as Clock from "../clock";
import * as Customer from "../customer/index";
import { Configuration, service } from "../dynamo";
import { ConflictError, isConditionFailed, NotFoundError, ValidationError, type FieldError } from "../error";
import * as History from "../history";
import * as Settings from "../settings/index";
import { fn } from "../util/fn";
import { plainText } from "../util/text";
import * as Warranty from "../warranty/hooks";
import * as Period from "./warranty";

/**
 * Projects (工程): what we built for a customer, its completion acceptance (the warranty clock's
 * start), the warranty deposit, the contract's warranty items and the handover checklist
 * (培训交底 / 资料移交).
 */
export const handoverDocItems = ["manuals", "usage_notes", "maintenance_conditions", "training", "as_built_drawings", "other"] as const;
export type HandoverDocItem = (typeof handoverDocItems)[number];
export const handoverDocNames = {
  manuals: { "zh-CN": "产品说明书", en: "Product manuals" },
  usage_notes: { "zh-CN": "使用注意事项", en: "Usage notes" },
  maintenance_conditions: { "zh-CN": "维修条件", en: "Maintenance conditions" },
  training: { "zh-CN": "培训交底", en: "Training & briefing" },
  as_built_drawings: { "zh-CN": "竣工图", en: "As-built drawings" },
  other: { "zh-CN": "其他资料", en: "Other documents" },
} as const;

export const readers = Customer.readers;
export const writers = projectWriters;

const ProjectEntity = new Entity(
  {
    model: { entity: "project", version: "1", service },
    attributes: {
      projectID: { type: "string", required: true, readOnly: true },
      customerID: { type: "string", required: true },
      name: { type: "string", required: true },
      address: { type: "string" },
      completionAcceptedOn: { type: "string" },
      handoverOn: { type: "string" },
      inUseSince: { type: "string" },
      depositFen: { type: "number", required: true, default: 0 },
      agreedRepairDays: { type: "number" },
      designLifeYears: { type: "number" },
      defectsLiabilityMonths: { type: "number" },
      warrantyItems: {
        type: "list",
        required: true,
        default: () => [],
        items: {
          type: "map",
          properties: {
            category: { type: Period.categories, required: true },
            years: { type: "number" },
            seasons: { type: "number" },
            note: { type: "string" },
          },
        },
      },
      handoverDocs: {
        type: "list",
        required: true,
        default: () => [],
        items: {
          type: "map",
          properties: {
            item: { type: handoverDocItems, required: true },
            title: { type: "string" },
            done: { type: "boolean", required: true },
            doneOn: { type: "string" },
          },
        },
      },
      repairLinkID: { type: "string" },
      version: { type: "number", required: true, default: 1 },
      history: History.attribute,
      createdAt: { type: "string", required: true, readOnly: true, default: () => Clock.nowISO() },
      updatedAt: { type: "string", required: true, default: () => Clock.nowISO(), watch: "*", set: () => Clock.nowISO() },
    },
    indexes: {
      byID: { pk: { field: "pk", composite: ["projectID"] }, sk: { field: "sk", composite: [] } },
      byCustomer: {
        index: "gsi1",
        pk: { field: "gsi1pk", composite: ["customerID"] },
        sk: { field: "gsi1sk", composite: ["createdAt", "projectID"] },
      },
      all: { index: "gsi2", pk: { field: "gsi2pk", composite: [] }, sk: { field: "gsi2sk", composite: ["createdAt", "projectID"] } },
    },
  },
  Configuration,
);

export type WarrantyItem = Period.Item;
export type HandoverDoc = { item: HandoverDocItem; title?: string; done: boolean; doneOn?: string };

export type Info = {
  projectID: string;
  customerID: string;
  name: string;
  address?: string;
  /** 竣工验收合格 date: the warranty periods start here. */
  completionAcceptedOn?: string;
  /** 交付使用 date. */
  handoverOn?: string;
  /** 客户投入使用 date: the free follow-up period starts here. */
  inUseSince?: string;
  /** 保修金, in fen. */
  depositFen: number;
  /** 约定期限 for general repairs, in days; falls back to the settings. */
  agreedRepairDays?: number;
  /** 合理使用年限; falls back to the settings. */
  designLifeYears?: number;
  defectsLiabilityMonths?: number;
  /** One per category; an item without a number means the statutory minimum. */
  warrantyItems: WarrantyItem[];
  handoverDocs: HandoverDoc[];
  /** The current repair link (set by the link module). */
  repairLinkID?: string;
  version: number;
  history: History.Entry[];
  createdAt: string;
  updatedAt: string;
};

/** What the API returns: everything but the history. */
export function present(project: Info) {
  const { history: _history, ...rest } = project;
  return rest;
}

// ---------------------------------------------------------------------------------------------
// Input

const blank = (v: unknown) => (v === "" || v === null ? undefined : v);
const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess(blank, schema.optional());
const clearable = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((v) => (v === "" ? null : v), schema.nullable().optional());

const date = Period.calendarDate();
const depositFen = z.number().int().min(0).max(10 ** 13);
const agreedRepairDays = z.number().int().min(1).max(90);
const designLifeYears = z.number().int().min(5).max(100);
const defectsLiabilityMonths = z.number().int().min(1).max(60);
const handoverDocSchema = z
  .object({
    item: z.enum(handoverDocItems),
    title: optional(plainText(100)),
    done: z.boolean(),
    doneOn: optional(date),
  })
  .strict();
const warrantyItems = z.array(Period.itemSchema).max(Period.categories.length * 2);
const handoverDocs = z.array(handoverDocSchema).max(50);

export const createSchema = z
  .object({
    customerID: z.string().min(1).max(64),
    name: plainText(100),
    address: optional(plainText(200)),
    completionAcceptedOn: optional(date),
    handoverOn: optional(date),
    inUseSince: optional(date),
    depositFen: depositFen.default(0),
    agreedRepairDays: optional(agreedRepairDays),
    designLifeYears: optional(designLifeYears),
    defectsLiabilityMonths: optional(defectsLiabilityMonths),
    warrantyItems: warrantyItems.optional(),
    handoverDocs: handoverDocs.default([]),
  })
  .strict();

export const updateSchema = z
  .object({
    projectID: z.string().min(1).max(64),
    customerID: z.string().min(1).max(64).optional(),
    name: plainText(100).optional(),
    address: clearable(plainText(200)),
    completionAcceptedOn: clearable(date),
    handoverOn: clearable(date),
    inUseSince: clearable(date),
    depositFen: depositFen.optional(),
    agreedRepairDays: clearable(agreedRepairDays),
    designLifeYears: clearable(designLifeYears),
    defectsLiabilityMonths: clearable(defectsLiabilityMonths),
    /** Replaces the items; categories left out get the statutory minimum. */
    warrantyItems: warrantyItems.optional(),
    handoverDocs: handoverDocs.optional(),
    /** Optimistic concurrency: when given, the update applies only to this version. */
    version: z.number().int().positive().optional(),
  })
  .strict();

type Fields = Omit<Info, "projectID" | "version" | "history" | "createdAt" | "updatedAt" | "repairLinkID">;

/**
 * Rules across fields, checked on the project as it would be after the change: acceptance is a
 * recorded fact (not in the future), handover comes after acceptance (建筑法: only accepted works
 * are handed over), the warranty items are not shorter than the law's minimums.
 */
function check(project: Fields, settings: Settings.Info): FieldError[] {
  const errors: FieldError[] = [];
  const today = Clock.shanghaiDate();
  if (project.completionAcceptedOn && project.completionAcceptedOn > today) {
    errors.push({
      field: "completionAcceptedOn",
      code: "project.acceptance_in_future",
      message: { "zh-CN": "竣工验收日期不能晚于今天", en: "The completion acceptance date cannot be in the future" },
    });
  }
  if (project.handoverOn && project.completionAcceptedOn && project.handoverOn < project.completionAcceptedOn) {
    errors.push({
      field: "handoverOn",
      code: "project.handover_before_acceptance",
      message: { "zh-CN": "交付使用日期不能早于竣工验收日期", en: "Handover cannot be before completion acceptance" },
    });
  }
  project.handoverDocs.forEach((doc, i) => {
    if (doc.doneOn && !doc.done) {
      errors.push({
        field: `handoverDocs.${i}.doneOn`,
        code: "project.doc_not_done",
        message: { "zh-CN": "未完成的事项不能填写完成日期", en: "Only a completed item has a completion date" },
      });
    }
  });
  errors.push(...Period.itemErrors(project.warrantyItems, Period.designLife(project, settings)));
  return errors;
}

async function customerErrors(customerID: string): Promise<FieldError[]> {
  if (await Customer.fromID(customerID)) return [];
  return [{ field: "customerID", code: "customer.not_found", message: { "zh-CN": "客户不存在", en: "No such customer" } }];
}

function clean<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}

// ---------------------------------------------------------------------------------------------
// Reading

const notFound = () => new NotFoundError("project", "工程", "Project");

async function load(projectID: string): Promise<Info | undefined> {
  const { data } = await ProjectEntity.get({ projectID }).go({ consistent: true });
  return (data ?? undefined) as Info | undefined;
}

/**
 * A project by id, for other modules (tickets, links) acting for staff, a customer link or the
 * system: no role check, as `User.fromID`; callers check their own. The API reads through `detail`.
 */
export async function fromID(projectID: string): Promise<Info | undefined> {
  return load(projectID);
}

/** Every project, oldest first. */
export async function list(): Promise<Info[]> {
  Actor.assertRole(...readers);
  const { data } = await ProjectEntity.query.all({}).go({ pages: "all" });
  return data as Info[];
}

export async function listByCustomer(customerID: string): Promise<Info[]> {
  Actor.assertRole(...readers);
  const { data } = await ProjectEntity.query.byCustomer({ customerID }).go({ pages: "all" });
  return data as Info[];
}

/**
 * Projects whose name or address contains `text` (case-insensitive), optionally of one customer.
 * Filters in memory, as for customers: hundreds of projects, not millions.
 */
export async function search(text: string, customerID?: string): Promise<Info[]> {
  const needle = text.trim().toLowerCase();
  const all = customerID ? await listByCustomer(customerID) : await list();
  if (!needle) return all;
  return all.filter((p) => p.name.toLowerCase().includes(needle) || (p.address ?? "").toLowerCase().includes(needle));
}

/** The project page: the project, its customer, each category's period and end, the deposit release date. */
export async function detail(projectID: string) {
  Actor.assertRole(...readers);
  const project = await load(projectID);
  if (!project) throw notFound();
  const [settings, customer] = await Promise.all([Settings.get(), Customer.fromID(project.customerID)]);
  return {
    project,
    customer: customer ? { customerID: customer.customerID, name: customer.name, class: customer.class } : undefined,
    warranty: Period.summary(project, settings),
    depositReleaseOn: Period.depositReleaseOn(project, settings),
    agreedRepairDays: project.agreedRepairDays ?? settings.defaultAgreedRepairDays,
  };
}

/** The categories, their labels and statutory minimums (for forms); any staff member. */
export async function categoryOptions() {
  Actor.user();
  const settings = await Settings.get();
  return Period.categories.map((category) => ({
    category,
    label: Period.categoryLabels[category],
    unit: Period.units[category],
    minimum: Period.minimum(category, {}, settings),
    ...(category === "foundation_structure" ? { minimumIsDesignLife: true } : {}),
  }));
}

// ---------------------------------------------------------------------------------------------
// Writing

export const create = fn(createSchema, async (input): Promise<Info> => {
  Actor.assertRole(...writers);
  const fields: Fields = { ...input, warrantyItems: Period.completeItems(input.warrantyItems) };
  // Field errors refer to the items as sent, so check those, then store the complete list.
  const errors = [
    ...(await customerErrors(input.customerID)),
    ...check({ ...fields, warrantyItems: input.warrantyItems ?? [] }, await Settings.get()),
  ];
  if (errors.length) throw new ValidationError(errors);
  const { data } = await ProjectEntity.create(
    clean({
      projectID: ulid(),
      ...fields,
      version: 1,
      history: [History.entry("project.created", clean(input))],
    }),
  ).go();
  const project = data as Info;
  await Warranty.onProjectSaved(project);
  return project;
});

const changedError = () =>
  new ConflictError("project.changed", {
    "zh-CN": "该工程已被他人修改，请刷新后重试",
    en: "Someone else changed this project; reload and try again",
  });

const updatable = [
  "customerID",
  "name",
  "address",
  "completionAcceptedOn",
  "handoverOn",
  "inUseSince",
  "depositFen",
  "agreedRepairDays",
  "designLifeYears",
  "defectsLiabilityMonths",
  "warrantyItems",
  "handoverDocs",
] as const;

export const update = fn(updateSchema, async (input): Promise<Info> => {
  Actor.assertRole(...writers);
  const current = await load(input.projectID);
  if (!current) throw notFound();
  const expected = input.version ?? current.version;
  if (expected !== current.version) throw changedError();

  const set: Record<string, unknown> = {};
  const remove: string[] = [];
  const changes: Record<string, unknown> = {};
  const next: Record<string, unknown> = { ...current };
  for (const key of updatable) {
    let value: unknown = input[key];
    if (value === undefined) continue;
    if (key === "warrantyItems") value = Period.completeItems(value as WarrantyItem[]);
    if (value === null) {
      if (current[key] === undefined) continue;
      remove.push(key);
      changes[key] = null;
      delete next[key];
    } else if (JSON.stringify(value) !== JSON.stringify(current[key])) {
      set[key] = clean(value);
      changes[key] = input[key];
      next[key] = value;
    }
  }
  if (Object.keys(changes).length === 0) return current;

  // Item errors name the items as sent; when the items are not being changed, check the stored ones.
  const settings = await Settings.get();
  const errors = [
    ...(set.customerID ? await customerErrors(set.customerID as string) : []),
    ...check({ ...(next as Fields), warrantyItems: input.warrantyItems ?? current.warrantyItems }, settings),
  ];
  if (errors.length) throw new ValidationError(errors);

  let project: Info;
  try {
    let op = ProjectEntity.patch({ projectID: input.projectID })
      .set({ ...(set as any), version: expected + 1 })
      .append({ history: [History.entry("project.updated", clean(changes))] });
    if (remove.length) op = op.remove(remove as any);
    const { data } = await op.where((a, o) => o.eq(a.version, expected)).go({ response: "all_new" });
    project = data as Info;
  } catch (err) {
    if (isConditionFailed(err)) throw changedError();
    throw err;
  }
  await Warranty.onProjectSaved(project);
  return project;
});

/**
 * Records the project's current repair link. Called by the link module, which authorizes the
 * caller itself, so there is no role check here.
 */
/** Forgets a revoked repair link, so lists can tell which projects have a working one. */
export async function clearRepairLinkID(projectID: string, linkID: string): Promise<void> {
  try {
    await ProjectEntity.patch({ projectID })
      .remove(["repairLinkID"])
      .add({ version: 1 })
      .append({ history: [History.entry("project.repair_link_revoked", { linkID })] })
      .where((a, op) => op.eq(a.repairLinkID, linkID))
      .go();
  } catch (err) {
    if (!isConditionFailed(err)) throw err; // already replaced or cleared
  }
}

export async function setRepairLinkID(projectID: string, linkID: string): Promise<Info> {
  try {
    const { data } = await ProjectEntity.patch({ projectID })
      .set({ repairLinkID: linkID })
      .add({ version: 1 })
      .append({ history: [History.entry("project.repair_link_issued", { linkID })] })
      .go({ response: "all_new" });
    return data as Info;
  } catch (err) {
    if (isConditionFailed(err)) throw notFound();
    throw err;
  }
}
