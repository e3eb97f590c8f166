import { Entity } from "electrodb";
import * as Clock from "./clock";
import { Configuration, service } from "./dynamo";
import { isConditionFailed, RateLimitedError } from "./error";

/**
 * Fixed-window rate limits kept in the table (so they hold across Lambda instances).
 * A window is one item; it expires by TTL.
 */
const Window = new Entity(
  {
    model: { entity: "ratelimit", version: "1", service },
    attributes: {
      key: { type: "string", required: true, readOnly: true },
      window: { type: "string", required: true, readOnly: true },
      count: { type: "number" },
      expireAt: { type: "number", required: true },
    },
    indexes: {
      byKey: { pk: { field: "pk", composite: ["key"] }, sk: { field: "sk", composite: ["window"] } },
    },
  },
  Configuration,
);

/** Counts one hit for `key`; throws RateLimitedError once `limit` hits fall in the current window. */
export async function hit(key: string, limit: number, windowSeconds: number): Promise<void> {
  const nowMs = Clock.now().getTime();
  const start = Math.floor(nowMs / 1000 / windowSeconds) * windowSeconds;
  const window = String(start);
  const expireAt = start + windowSeconds + 60;
  try {
    await Window.upsert({ key, window, expireAt })
      .add({ count: 1 })
      .where((a, op) => `${op.notExists(a.count)} OR ${op.lt(a.count, limit)}`)
      .go();
  } catch (err) {
    if (isConditionFailed(err)) throw new RateLimitedError(Math.max(1, start + windowSeconds - Math.floor(nowMs / 1000)));
    throw err;
  }
}
