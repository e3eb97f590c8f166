import { serve, type ServerType } from "@hono/node-server";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { localEnvironment, startEmbedded } from "./embedded";

/**
 * The whole system on one machine: the embedded stand-ins, the same Hono app the Lambda serves,
 * the built site on the same origin, and the timer loop that fires due timers through the same
 * handler the EventBridge schedules invoke on AWS. One runtime per process (configuration is
 * process-wide, as it is in a Lambda).
 */
export type Runtime = { url: string; mailboxURL: string; created: string[]; stop(): Promise<void> };

export async function startRuntime(options: {
  dataDir: string;
  port: number;
  webDir: string;
  /** Fixed ports for the stand-ins (PORT+1.. by default); 0 picks free ones. */
  standInPorts?: { dynamo: number; ses: number; s3: number };
  seed?: boolean;
  timerIntervalMs?: number;
  version?: string;
}): Promise<Runtime> {
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const ports = options.standInPorts ?? { ses: options.port + 1, dynamo: options.port + 2, s3: options.port + 3 };
  const siteURL = `http://localhost:${options.port}`;

  const embedded = await startEmbedded({ dataDir, ports, corsOrigins: [siteURL, `http://127.0.0.1:${options.port}`] });
  const mailboxURL = `${embedded.endpoints.ses.replace("127.0.0.1", "localhost")}/`;
  Object.assign(
    process.env,
    localEnvironment(embedded, { siteURL, sessionSecret: secret(dataDir), mailboxURL, version: options.version ?? "local" }),
  );

  // Only now may the app and the domain load: they read their configuration at import time.
  const { app } = await import("../../functions/src/api/app");
  const { handler: timerHandler } = await import("../../functions/src/timer");
  const { Clock } = await import("@aftersales/core");

  restoreClock(dataDir, Clock);

  const root = new Hono();
  root.route("/", app);
  root.use("/*", serveStatic({ root: options.webDir }));
  root.notFound((c) => {
    const page = join(options.webDir, "404.html");
    return existsSync(page) ? c.html(readFileSync(page, "utf8"), 404) : c.text("Not found", 404);
  });

  const seed = await import("./seed");
  const created = options.seed === false ? [] : await seed.seedDemo();
  if (options.seed !== false) await seed.seedWarrantyDemo();

  const server: ServerType = await new Promise((ready) => {
    const s = serve({ fetch: root.fetch, port: options.port, hostname: "0.0.0.0" }, () => ready(s));
  });

  const loop = timerLoop(dataDir, timerHandler, Clock, options.timerIntervalMs ?? 1000);

  return {
    url: siteURL,
    mailboxURL,
    created,
    async stop() {
      await loop.stop();
      await new Promise<void>((done) => server.close(() => done()));
      await embedded.stop();
    },
  };
}

/** The session signing key, made once per data directory and kept there. */
function secret(dataDir: string) {
  const file = join(dataDir, "session-secret");
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

/** A demo clock moved forward stays moved across restarts. */
function restoreClock(dataDir: string, Clock: typeof import("@aftersales/core").Clock) {
  const file = join(dataDir, "clock.json");
  if (existsSync(file)) Clock.setOffset(JSON.parse(readFileSync(file, "utf8")).offsetMs ?? 0);
  Clock.onChange((offsetMs) => writeFileSync(file, JSON.stringify({ offsetMs })));
}

/**
 * Locally nothing invokes the timer handler, so a loop does: it sweeps due timers every tick
 * (right away at start, so timers that fell due while the server was stopped fire now), and
 * runs the daily planner once per Shanghai day after 02:00, as the AWS schedules do.
 */
function timerLoop(
  dataDir: string,
  handler: (event: { sweep?: boolean; planner?: boolean }) => Promise<unknown>,
  Clock: typeof import("@aftersales/core").Clock,
  intervalMs: number,
) {
  const plannerFile = join(dataDir, "planner.json");
  let running: Promise<void> | undefined;
  let stopped = false;
  const tick = async () => {
    await handler({ sweep: true });
    const today = Clock.shanghaiDate();
    const last = existsSync(plannerFile) ? JSON.parse(readFileSync(plannerFile, "utf8")).date : undefined;
    const shanghaiHour = Number(Clock.shanghaiWallClock(Clock.now()).slice(11, 13));
    if (last !== today && shanghaiHour >= 2) {
      await handler({ planner: true });
      writeFileSync(plannerFile, JSON.stringify({ date: today }));
    }
  };
  const run = () => {
    if (running || stopped) return;
    running = tick()
      .catch((err) => console.error("timer loop:", err))
      .finally(() => (running = undefined));
  };
  run();
  const interval = setInterval(run, intervalMs);
  return {
    async stop() {
      stopped = true;
      clearInterval(interval);
      await running;
    },
  };
}
