import { randomBytes } from "node:crypto";
import type { Role } from "@aftersales/core/actor";
import { app } from "../src/api/app";
import { createUser, mailTo } from "../../core/test/support";

export { createUser, mailTo, uniqueEmail } from "../../core/test/support";

/** A distinct client address per test, so per-client rate limits do not couple tests. */
export const newClient = () => `10.${randomBytes(3).join(".")}`;

export async function call(
  method: string,
  path: string,
  options: { body?: unknown; cookie?: string; client?: string; rawBody?: string } = {},
) {
  const headers: Record<string, string> = { "x-forwarded-for": options.client ?? newClient() };
  if (options.body !== undefined || options.rawBody !== undefined) headers["content-type"] = "application/json";
  if (options.cookie) headers.cookie = options.cookie;
  const res = await app.request(path, {
    method,
    headers,
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await res.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, json, headers: res.headers };
}

/** The newest sign-in code mailed to `email`. */
export async function latestCode(email: string): Promise<string | undefined> {
  const mails = (await mailTo(email)).filter((m) => /验证码|sign-in code/.test(m.subject));
  const last = mails.at(-1);
  return last?.subject.match(/(\d{6})/)?.[1];
}

/** Signs a user in through the real routes and returns the session cookie. */
export async function signIn(email: string): Promise<string> {
  const client = newClient();
  const requested = await call("POST", "/api/auth/code", { body: { email }, client });
  if (requested.status !== 202) throw new Error(`code request failed: ${JSON.stringify(requested.json)}`);
  const code = await latestCode(email);
  const verified = await call("POST", "/api/auth/verify", { body: { email, code }, client });
  if (verified.status !== 200) throw new Error(`verify failed: ${JSON.stringify(verified.json)}`);
  return verified.headers.get("set-cookie")!.split(";")[0]!;
}

export async function staff(roles: Role[]) {
  const user = await createUser(roles);
  return { user, cookie: await signIn(user.email) };
}
