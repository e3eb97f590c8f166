import { randomBytes } from "node:crypto";
import { Actor, User } from "../src/index";
import type { Role } from "../src/actor";

/** A unique address per test, so tests never share state. */
export function uniqueEmail(label = "user") {
  return `${label}.${randomBytes(5).toString("hex")}@example.test`;
}

export function asSystem<R>(cb: () => R): R {
  return Actor.system("test", cb);
}

export function asUser<R>(user: User.Info, cb: () => R): R {
  return Actor.provide(
    { type: "user", properties: { userID: user.userID, email: user.email, name: user.name, roles: user.roles } },
    cb,
  );
}

export async function createUser(roles: Role[] = ["after_sales"], name = "测试用户") {
  return asSystem(() => User.create({ email: uniqueEmail(roles[0]), name, roles }));
}

type StoredEmail = {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
  at: number;
};

/** Reads what the SES emulator received (the local mailbox). */
export async function mailTo(address: string): Promise<StoredEmail[]> {
  const res = await fetch(`${process.env.AWS_ENDPOINT_URL_SESV2}/store`);
  const { emails } = (await res.json()) as { emails: StoredEmail[] };
  return emails.filter((e) => e.destination.to.includes(address));
}
