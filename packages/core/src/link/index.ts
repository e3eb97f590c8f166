import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { Entity } from "electrodb";
import { Config } from "sst/node/config";
import { ulid } from "ulid";
import * as Clock from "../clock";
import { Configuration, service } from "../dynamo";
import { DomainError } from "../error";
import * as History from "../history";
import * as RateLimit from "../ratelimit";

/**
 * Capability links for customers, who have no account: a long random token bound to one
 * project (report a repair), one ticket (follow, accept, claim) or, later, one visit. Only a hash
 * of the token is looked up; revoking a link stops it at once.
 *
 * Project links are printed as QR codes for the site office and ticket links are put into later
 * emails (the repair is done, please accept it), so the system must be able to show the same URL
 * again: the token is also kept sealed (AES-256-GCM, key derived from the session secret). Lookups
 * use only the hash; the sealed copy is opened only to build a URL for staff or an email.
 */
export type Scope = "project" | "ticket" | "visit";

const LinkEntity = new Entity(
  {
    model: { entity: "link", version: "1", service },
    attributes: {
      tokenHash: { type: "string", required: true, readOnly: true },
      linkID: { type: "string", required: true, readOnly: true },
      scope: { type: ["project", "ticket", "visit"] as const, required: true, readOnly: true },
      projectID: { type: "string", required: true, readOnly: true },
      subjectID: { type: "string", required: true, readOnly: true },
      status: { type: ["active", "revoked"] as const, required: true, default: "active" },
      sealedToken: { type: "string" },
      createdAt: { type: "string", required: true, readOnly: true, default: () => Clock.nowISO() },
      revokedAt: { type: "string" },
      history: History.attribute,
    },
    indexes: {
      byToken: { pk: { field: "pk", composite: ["tokenHash"] }, sk: { field: "sk", composite: [] } },
      byID: { index: "gsi1", pk: { field: "gsi1pk", composite: ["linkID"] }, sk: { field: "gsi1sk", composite: [] } },
      bySubject: {
        index: "gsi2",
        pk: { field: "gsi2pk", composite: ["scope", "subjectID"] },
        sk: { field: "gsi2sk", composite: ["createdAt", "linkID"] },
      },
    },
  },
  Configuration,
);

export type Info = {
  linkID: string;
  scope: Scope;
  projectID: string;
  subjectID: string;
  status: "active" | "revoked";
  createdAt: string;
  revokedAt?: string;
};

const hash = (token: string) => createHash("sha256").update(token).digest("hex");
const key = () => createHash("sha256").update(`link-seal\n${Config.SESSION_SECRET}`).digest();

function seal(token: string) {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const data = Buffer.concat([cipher.update(token, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), data].map((b) => b.toString("base64url")).join(".");
}

function unseal(sealed: string) {
  const [iv, tag, data] = sealed.split(".").map((s) => Buffer.from(s, "base64url"));
  const decipher = createDecipheriv("aes-256-gcm", key(), iv!);
  decipher.setAuthTag(tag!);
  return Buffer.concat([decipher.update(data!), decipher.final()]).toString("utf8");
}

/** Issues a new link; returns the token (shown once, or revealable for project links). */
export async function issue(input: { scope: Scope; projectID: string; subjectID: string }): Promise<{ link: Info; token: string }> {
  const token = randomBytes(32).toString("base64url");
  const { data } = await LinkEntity.create({
    tokenHash: hash(token),
    linkID: ulid(),
    scope: input.scope,
    projectID: input.projectID,
    subjectID: input.subjectID,
    status: "active",
    sealedToken: seal(token),
    history: [History.entry("link.issued")],
  }).go();
  return { link: present(data as any), token };
}

function present(item: Info & { sealedToken?: string; tokenHash?: string; history?: unknown }): Info {
  const { sealedToken: _s, tokenHash: _t, history: _h, ...rest } = item as any;
  return rest;
}

async function byID(linkID: string) {
  const { data } = await LinkEntity.query.byID({ linkID }).go();
  return data[0];
}

export async function fromID(linkID: string): Promise<Info | undefined> {
  const item = await byID(linkID);
  return item ? present(item as any) : undefined;
}

/** The token of an active link, to show its URL (and QR code) again or put it in an email. */
export async function reveal(linkID: string): Promise<string | undefined> {
  const item = await byID(linkID);
  if (!item || item.status !== "active" || !item.sealedToken) return undefined;
  return unseal(item.sealedToken);
}

export async function revoke(linkID: string): Promise<void> {
  const item = await byID(linkID);
  if (!item || item.status === "revoked") return;
  await LinkEntity.patch({ tokenHash: item.tokenHash })
    .set({ status: "revoked", revokedAt: Clock.nowISO() })
    .append({ history: [History.entry("link.revoked")] })
    .go();
}

export async function listBySubject(scope: Scope, subjectID: string): Promise<Info[]> {
  const { data } = await LinkEntity.query.bySubject({ scope, subjectID }).go({ pages: "all" });
  return data.map((d) => present(d as any));
}

const invalid = () =>
  new DomainError(
    "link.invalid",
    { "zh-CN": "链接无效或已失效，请联系我们获取新的链接", en: "This link is invalid or no longer active; please ask us for a new one" },
    404,
  );

export const LIMITS = { perClient: { limit: 120, windowSeconds: 10 * 60 }, perLink: { limit: 300, windowSeconds: 10 * 60 } };

/**
 * Resolves a token for a public request: rate-limited per client and per link, and only for the
 * expected scope. Unknown, revoked and wrong-scope tokens all get the same answer.
 */
export async function resolve(token: string | undefined, scope: Scope, client: string): Promise<Info> {
  await RateLimit.hit(`link:client:${client}`, LIMITS.perClient.limit, LIMITS.perClient.windowSeconds);
  if (!token || token.length < 20 || token.length > 100 || !/^[A-Za-z0-9_-]+$/.test(token)) throw invalid();
  const tokenHash = hash(token);
  const { data } = await LinkEntity.get({ tokenHash }).go();
  if (!data || data.status !== "active" || data.scope !== scope) throw invalid();
  await RateLimit.hit(`link:${data.linkID}`, LIMITS.perLink.limit, LIMITS.perLink.windowSeconds);
  return present(data as any);
}
