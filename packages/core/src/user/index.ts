import { Entity } from "electrodb";
import { ulid } from "ulid";
import { z } from "zod";
import * as Actor from "../actor";
import { roles, roleNames, type Role } from "../actor";
import * as Clock from "../clock";
import { Configuration, service } from "../dynamo";
import { ConflictError, DomainError, isConditionFailed, NotFoundError } from "../error";
import * as History from "../history";
import * as Mail from "../mail";
import * as Timer from "../timer";
import { siteURL } from "../site";
import { fn } from "../util/fn";
import { email as emailSchema, plainText } from "../util/text";

const UserEntity = new Entity(
  {
    model: { entity: "user", version: "1", service },
    attributes: {
      userID: { type: "string", required: true, readOnly: true },
      email: { type: "string", required: true, readOnly: true },
      name: { type: "string", required: true },
      roles: { type: "list", items: { type: "string" }, required: true },
      active: { type: "boolean", required: true, default: true },
      locale: { type: ["zh-CN", "en"] as const, required: true, default: "zh-CN" },
      version: { type: "number", required: true, default: 1 },
      lastSignInAt: { type: "string" },
      history: History.attribute,
      createdAt: { type: "string", required: true, readOnly: true, default: () => Clock.nowISO() },
      updatedAt: { type: "string", required: true, default: () => Clock.nowISO(), watch: "*", set: () => Clock.nowISO() },
    },
    indexes: {
      byID: { pk: { field: "pk", composite: ["userID"] }, sk: { field: "sk", composite: [] } },
      byEmail: { index: "gsi1", pk: { field: "gsi1pk", composite: ["email"] }, sk: { field: "gsi1sk", composite: [] } },
      all: { index: "gsi2", pk: { field: "gsi2pk", composite: [] }, sk: { field: "gsi2sk", composite: ["createdAt", "userID"] } },
    },
  },
  Configuration,
);

/** An address belongs to at most one user: a claim item, written before the user, guards it. */
const EmailClaim = new Entity(
  {
    model: { entity: "userEmail", version: "1", service },
    attributes: {
      email: { type: "string", required: true, readOnly: true },
      userID: { type: "string", required: true, readOnly: true },
    },
    indexes: { byEmail: { pk: { field: "pk", composite: ["email"] }, sk: { field: "sk", composite: [] } } },
  },
  Configuration,
);

export type Info = {
  userID: string;
  email: string;
  name: string;
  roles: Role[];
  active: boolean;
  locale: "zh-CN" | "en";
  version: number;
  lastSignInAt?: string;
  history: History.Entry[];
  createdAt: string;
  updatedAt: string;
};

const roleSchema = z.enum(roles);
const rolesSchema = z.array(roleSchema).min(1).max(roles.length).transform((r) => [...new Set(r)]);
const localeSchema = z.enum(["zh-CN", "en"]);

/** What the API returns: everything but the history. */
export function present(user: Info) {
  const { history: _history, ...rest } = user;
  return rest;
}

export async function fromID(userID: string): Promise<Info | undefined> {
  const { data } = await UserEntity.get({ userID }).go();
  return (data ?? undefined) as Info | undefined;
}

export async function fromEmail(email: string): Promise<Info | undefined> {
  const { data: claim } = await EmailClaim.get({ email: email.trim().toLowerCase() }).go();
  if (!claim) return undefined;
  return fromID(claim.userID);
}

export async function list(): Promise<Info[]> {
  Actor.assertRole("admin");
  const { data } = await UserEntity.query.all({}).go({ pages: "all" });
  return data as Info[];
}

/** Active staff holding a role (for notifications and escalations). */
export async function withRole(role: Role): Promise<Info[]> {
  const { data } = await UserEntity.query.all({}).go({ pages: "all" });
  return (data as Info[]).filter((u) => u.active && u.roles.includes(role));
}

export const createSchema = z
  .object({
    email: emailSchema(),
    name: plainText(60),
    roles: rolesSchema,
    locale: localeSchema.default("zh-CN"),
  })
  .strict();

/**
 * Creates a user (no email). Used by invitations, the local seed and the first-admin command.
 * Creating again for an address that is already claimed by a user is a conflict; a claim whose
 * user was never written (a crash between the two writes) is completed instead.
 */
export const create = fn(createSchema, async (input): Promise<Info> => {
  Actor.assertRole("admin");
  const userID = ulid();
  let claimedID = userID;
  try {
    await EmailClaim.create({ email: input.email, userID }).go();
  } catch (err) {
    if (!isConditionFailed(err)) throw err;
    const { data: claim } = await EmailClaim.get({ email: input.email }).go();
    claimedID = claim!.userID;
    if (await fromID(claimedID)) {
      throw new ConflictError("user.email_taken", {
        "zh-CN": "该邮箱已有账号",
        en: "A user with this email already exists",
      });
    }
  }
  const { data } = await UserEntity.create({
    userID: claimedID,
    email: input.email,
    name: input.name,
    roles: input.roles,
    locale: input.locale,
    active: true,
    history: [History.entry("user.created", { roles: input.roles })],
  }).go();
  return data as Info;
});

/** An admin invites a colleague: creates the user and emails them how to sign in. */
export const invite = fn(createSchema, async (input): Promise<Info> => {
  Actor.assertRole("admin");
  const user = await create(input);
  const inviter = Actor.use();
  await Mail.send({
    to: user.email,
    template: "user.invited",
    locale: user.locale,
    data: {
      name: user.name,
      invitedBy: inviter.type === "user" ? inviter.properties.name : "系统管理员",
      roles: user.roles.map((r) => roleNames[r][user.locale]).join(user.locale === "zh-CN" ? "、" : ", "),
      url: signInURL(user),
    },
    idempotencyKey: `user.invited:${user.userID}`,
  });
  await Timer.create({
    kind: "user.invitation_reminder",
    ref: `user#${user.userID}`,
    dueAt: Clock.addDays(Clock.now(), INVITATION_REMINDER_DAYS),
    key: `user.invitation_reminder:${user.userID}`,
  });
  return user;
});

/** An invitee who has not signed in after this many days gets one reminder. */
export const INVITATION_REMINDER_DAYS = 3;

function signInURL(user: Info) {
  return siteURL(`${user.locale === "en" ? "/en" : ""}/signin/?email=${encodeURIComponent(user.email)}`);
}

Timer.handle("user.invitation_reminder", async (timer) => {
  const user = await fromID(timer.ref.replace(/^user#/, ""));
  if (!user || !user.active || user.lastSignInAt) return;
  await Mail.send({
    to: user.email,
    template: "user.invitation_reminder",
    locale: user.locale,
    data: { name: user.name, url: signInURL(user) },
    idempotencyKey: `timer:${timer.timerID}`,
  });
});

/** Remembers the latest sign-in (shown to admins; stops invitation reminders). */
export async function recordSignIn(userID: string) {
  await UserEntity.patch({ userID }).set({ lastSignInAt: Clock.nowISO() }).go();
}

export const updateSchema = z
  .object({
    userID: z.string().min(1).max(64),
    name: plainText(60).optional(),
    roles: rolesSchema.optional(),
    active: z.boolean().optional(),
    locale: localeSchema.optional(),
    /** Optimistic concurrency: when given, the update applies only to this version. */
    version: z.number().int().positive().optional(),
  })
  .strict();

export const update = fn(updateSchema, async (input): Promise<Info> => {
  Actor.assertRole("admin");
  const current = await fromID(input.userID);
  if (!current) throw new NotFoundError("user", "用户", "User");
  const me = Actor.use();
  if (me.type === "user" && me.properties.userID === input.userID) {
    if (input.active === false || (input.roles && !input.roles.includes("admin") && current.roles.includes("admin"))) {
      throw new DomainError("user.cannot_lock_out_self", {
        "zh-CN": "不能停用自己或移除自己的管理员角色",
        en: "You cannot deactivate yourself or remove your own admin role",
      });
    }
  }
  const expected = input.version ?? current.version;
  const changes: Record<string, unknown> = {};
  for (const key of ["name", "roles", "active", "locale"] as const) {
    if (input[key] !== undefined && JSON.stringify(input[key]) !== JSON.stringify(current[key])) changes[key] = input[key];
  }
  if (Object.keys(changes).length === 0) return current;
  const action = changes.active === false ? "user.deactivated" : changes.active === true ? "user.reactivated" : "user.updated";
  try {
    const { data } = await UserEntity.patch({ userID: input.userID })
      .set({ ...(changes as any), version: expected + 1 })
      .append({ history: [History.entry(action, changes)] })
      .where((a, op) => op.eq(a.version, expected))
      .go({ response: "all_new" });
    return data as Info;
  } catch (err) {
    if (isConditionFailed(err))
      throw new ConflictError("user.changed", {
        "zh-CN": "该用户已被他人修改，请刷新后重试",
        en: "Someone else changed this user; reload and try again",
      });
    throw err;
  }
});
