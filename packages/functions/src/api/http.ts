import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { HTTPException } from "hono/http-exception";
import { Actor, Auth, DomainError, log, ValidationError } from "@aftersales/core";

/** The JSON body, or a field-level 400 when it is not JSON at all. */
export async function body(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw ValidationError.field("body", "invalid_json", { "zh-CN": "请求内容不是有效的 JSON", en: "The request body is not valid JSON" });
  }
}

/**
 * The caller's address for rate limits: CloudFront's viewer address on AWS, else the first
 * X-Forwarded-For entry, else the socket's peer (local server).
 */
export function clientAddress(c: Context): string {
  const viewer = c.req.header("cloudfront-viewer-address");
  if (viewer) return viewer.replace(/:\d+$/, "");
  const forwarded = c.req.header("x-forwarded-for");
  if (forwarded) return forwarded.split(",")[0]!.trim();
  const incoming = (c.env as any)?.incoming;
  return incoming?.socket?.remoteAddress ?? (c.env as any)?.requestContext?.http?.sourceIp ?? "unknown";
}

/** Runs the rest of the request as whoever the session cookie names (or as the public). */
export const session: MiddlewareHandler = async (c, next) => {
  const token = getCookie(c, Auth.SESSION_COOKIE);
  const found = token ? await Auth.sessionFromToken(token) : undefined;
  if (found) c.set("user" as never, found.user as never);
  return Actor.provide(found?.actor ?? { type: "public", properties: {} }, () => next());
};

/** One access log line per request, with a request id the client also sees. */
export const accessLog: MiddlewareHandler = async (c, next) => {
  const started = performance.now();
  const requestID = c.req.header("x-amzn-trace-id") ?? crypto.randomUUID();
  c.header("x-request-id", requestID);
  await next();
  log.info("request", {
    requestID,
    method: c.req.method,
    path: c.req.path,
    status: c.res.status,
    ms: Math.round(performance.now() - started),
  });
};

/** The one mapping from errors to responses. Unknown errors are logged and answered generically. */
export function onError(err: Error, c: Context) {
  if (err instanceof DomainError) {
    if (err.status === 429 && "retryAfterSeconds" in err) c.header("retry-after", String((err as any).retryAfterSeconds));
    return c.json({ error: { code: err.code, message: err.messages, ...(err.fields ? { fields: err.fields } : {}) } }, err.status);
  }
  if (err instanceof HTTPException && err.status === 413) {
    return c.json(
      { error: { code: "request.too_large", message: { "zh-CN": "请求内容过大", en: "The request is too large" } } },
      413,
    );
  }
  log.error("unhandled error", { method: c.req.method, path: c.req.path, error: err });
  return c.json({ error: { code: "internal", message: { "zh-CN": "服务器出错了，请稍后再试", en: "Something went wrong; please try again" } } }, 500);
}

export function notFound(c: Context) {
  return c.json({ error: { code: "route.not_found", message: { "zh-CN": "接口不存在", en: "No such endpoint" } } }, 404);
}
