import { Hono } from "hono";
import { Config } from "sst/node/config";
import { z } from "zod";
import { Actor, Clock, fromZod, Timer } from "@aftersales/core";
import { body, notFound } from "./http";

const clockSchema = z.union([
  z.object({ advanceMinutes: z.number().int().positive().max(366 * 24 * 60) }).strict(),
  z.object({ to: z.string().datetime() }).strict(),
]);

/** Demo and test helpers that exist only in the local runtime (404 on AWS). */
export const local = new Hono()
  .use(async (c, next) => (Config.RUNTIME_MODE === "local" ? next() : notFound(c)))
  .get("/info", (c) => c.json({ mailboxUrl: Config.LOCAL_MAILBOX_URL, now: Clock.nowISO() }))
  .post("/clock", async (c) => {
    Actor.assertRole("admin");
    const parsed = clockSchema.safeParse(await body(c));
    if (!parsed.success) throw fromZod(parsed.error);
    if ("advanceMinutes" in parsed.data) Clock.advance(parsed.data.advanceMinutes * 60_000);
    else Clock.travelTo(new Date(parsed.data.to));
    // Fire whatever just became due, as the timer loop would on its next tick.
    const swept = await Timer.sweep();
    return c.json({ now: Clock.nowISO(), fired: swept.fired });
  });
