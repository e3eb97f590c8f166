import { createHmac, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { Entity } from "electrodb";
import { jwtVerify, SignJWT } from "jose";
import { Config } from "sst/node/config";
import { z } from "zod";
import type { Actor } from "../actor";
import * as Clock from "../clock";
import { Configuration, service } from "../dynamo";
import { DomainError, isConditionFailed } from "../error";
import { log } from "../log";
import * as Mail from "../mail";
import * as RateLimit from "../ratelimit";
import { siteURL } from "../site";
import * as User from "../user";
import { fn } from "../util/fn";
import { email as emailSchema } from "../util/text";

export const CODE_TTL_MINUTES = 10;
export const MAX_CODE_ATTEMPTS = 5;
export const SESSION_HOURS = 12;
/** Codes one address may request per window, and sign-in attempts one client may make. */
export const LIMITS = {
  codePerEmail: { limit: 5, windowSeconds: 15 * 60 },
  codePerClient: { limit: 30, windowSeconds: 15 * 60 },
  verifyPerClient: { limit: 30, windowSeconds: 15 * 60 },
};

/** The latest one-time code of an address; a new request replaces the previous code. */
const SigninCode = new Entity(
  {
    model: { entity: "signinCode", version: "1", service },
    attributes: {
      email: { type: "string", required: true, readOnly: true },
      codeHash: { type: "string", required: true },
      expiresAt: { type: "string", required: true },
      attempts: { type: "number", required: true, default: 0 },
      used: { type: "boolean", required: true, default: false },
      expireAt: { type: "number", required: true },
    },
    indexes: { byEmail: { pk: { field: "pk", composite: ["email"] }, sk: { field: "sk", composite: [] } } },
  },
  Configuration,
);

/** Server-side sessions, so that signing out (or deactivation) ends them at once. */
const Session = new Entity(
  {
    model: { entity: "session", version: "1", service },
    attributes: {
      sessionID: { type: "string", required: true, readOnly: true },
      userID: { type: "string", required: true, readOnly: true },
      createdAt: { type: "string", required: true, readOnly: true },
      expiresAt: { type: "string", required: true },
      expireAt: { type: "number", required: true },
    },
    indexes: { byID: { pk: { field: "pk", composite: ["sessionID"] }, sk: { field: "sk", composite: [] } } },
  },
  Configuration,
);

const invalidCode = () =>
  new DomainError("auth.code_invalid", {
    "zh-CN": "验证码不正确、已过期或已使用，请重新获取",
    en: "The code is wrong, expired or already used; request a new one",
  });

function hash(email: string, code: string) {
  return createHmac("sha256", Config.SESSION_SECRET).update(`${email}\n${code}`).digest("hex");
}

const secretKey = () => new TextEncoder().encode(Config.SESSION_SECRET);

export const requestCodeSchema = z.object({ email: emailSchema(), locale: z.enum(["zh-CN", "en"]).optional() }).strict();

/**
 * Emails a one-time code to an active user. The answer is the same whether or not the address
 * belongs to anyone, so the route reveals nothing; the limits count every request.
 */
export const requestCode = fn(requestCodeSchema, async (input) => {
  await RateLimit.hit(`code:email:${input.email}`, LIMITS.codePerEmail.limit, LIMITS.codePerEmail.windowSeconds);
  const user = await User.fromEmail(input.email);
  if (!user || !user.active) {
    log.info("sign-in code requested for an unknown or inactive address");
    return;
  }
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const expiresAt = Clock.addMinutes(Clock.now(), CODE_TTL_MINUTES);
  await SigninCode.put({
    email: user.email,
    codeHash: hash(user.email, code),
    expiresAt: expiresAt.toISOString(),
    attempts: 0,
    used: false,
    expireAt: Math.floor(expiresAt.getTime() / 1000) + 3600,
  }).go();
  const locale = input.locale ?? user.locale;
  const path = `${locale === "en" ? "/en" : ""}/signin/?email=${encodeURIComponent(user.email)}&code=${code}`;
  await Mail.send({
    to: user.email,
    template: "auth.code",
    locale,
    data: { code, minutes: CODE_TTL_MINUTES, url: siteURL(path) },
  });
});

export const verifyCodeSchema = z
  .object({ email: emailSchema(), code: z.string().trim().regex(/^\d{6}$/, "six digits") })
  .strict();

/** Checks a code once; on success the code is spent and a session token is returned. */
export const verifyCode = fn(verifyCodeSchema, async (input) => {
  const { data: stored } = await SigninCode.get({ email: input.email }).go();
  if (!stored || stored.used || stored.attempts >= MAX_CODE_ATTEMPTS || stored.expiresAt <= Clock.nowISO()) {
    throw invalidCode();
  }
  const expected = Buffer.from(stored.codeHash, "hex");
  const given = Buffer.from(hash(input.email, input.code), "hex");
  if (!timingSafeEqual(expected, given)) {
    await SigninCode.patch({ email: input.email }).add({ attempts: 1 }).go();
    throw invalidCode();
  }
  try {
    // Single use, even when two verifications race.
    await SigninCode.patch({ email: input.email })
      .set({ used: true })
      .where((a, op) => `${op.eq(a.used, false)} AND ${op.eq(a.codeHash, stored.codeHash)}`)
      .go();
  } catch (err) {
    if (isConditionFailed(err)) throw invalidCode();
    throw err;
  }
  const user = await User.fromEmail(input.email);
  if (!user || !user.active) throw invalidCode();
  await User.recordSignIn(user.userID);
  return { user, token: await createSession(user.userID) };
});

/**
 * Sessions last SESSION_HOURS of real time: they guard against a stolen cookie, which is about the
 * machine's clock, not the business clock (moving the demo clock a day must not sign staff out).
 */
const sessionNow = () => new Date();

async function createSession(userID: string) {
  const sessionID = randomBytes(18).toString("base64url");
  const now = sessionNow();
  const expiresAt = Clock.addHours(now, SESSION_HOURS);
  await Session.create({
    sessionID,
    userID,
    createdAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
    expireAt: Math.floor(expiresAt.getTime() / 1000) + 3600,
  }).go();
  return new SignJWT({ sid: sessionID })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(userID)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(secretKey());
}

/** The staff actor for a session token, or undefined when it is invalid, expired, ended or the user is inactive. */
export async function actorFromToken(token: string): Promise<Actor | undefined> {
  return (await sessionFromToken(token))?.actor;
}

/** The session's actor and the user behind it (one read each of the session and the user). */
export async function sessionFromToken(token: string): Promise<{ actor: Actor; user: User.Info } | undefined> {
  let sessionID: string;
  let userID: string;
  try {
    const { payload } = await jwtVerify(token, secretKey(), {
      algorithms: ["HS256"],
      currentDate: sessionNow(),
    });
    sessionID = String(payload.sid);
    userID = String(payload.sub);
  } catch {
    return undefined;
  }
  const { data: session } = await Session.get({ sessionID }).go();
  if (!session || session.userID !== userID || session.expiresAt <= sessionNow().toISOString()) return undefined;
  const user = await User.fromID(userID);
  if (!user || !user.active) return undefined;
  return { actor: { type: "user", properties: { userID, email: user.email, name: user.name, roles: user.roles } }, user };
}

/** Ends a session (sign-out). Unknown or invalid tokens are ignored. */
export async function signOut(token: string) {
  try {
    const { payload } = await jwtVerify(token, secretKey(), { algorithms: ["HS256"], currentDate: sessionNow() });
    await Session.delete({ sessionID: String(payload.sid) }).go();
  } catch {
    // nothing to end
  }
}

export const SESSION_COOKIE = "session";

/** Limits how often one client (an IP address) may ask for codes or try them. */
export async function throttleClient(action: "code" | "verify", client: string) {
  const { limit, windowSeconds } = action === "code" ? LIMITS.codePerClient : LIMITS.verifyPerClient;
  await RateLimit.hit(`${action}:client:${client}`, limit, windowSeconds);
}
