import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/**
 * `npm start`'s runtime as a real process: data survives a restart, and a timer that fell due
 * while the server was stopped fires when it starts again.
 */
const root = resolve(__dirname, "../../..");
const port = 20000 + Math.floor(Math.random() * 20000);
const dataDir = mkdtempSync(join(tmpdir(), "aftersales-runtime-"));
const base = `http://localhost:${port}`;
const mailbox = `http://127.0.0.1:${port + 1}`;
let child: ChildProcess | undefined;

async function start() {
  child = spawn(process.execPath, ["--import", "tsx", "packages/local/src/start.ts"], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, POWERTOOLS_LOG_LEVEL: "WARN" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`runtime did not start:\n${output}`);
}

async function stop() {
  if (!child) return;
  const exited = new Promise((r) => child!.once("exit", r));
  child.kill("SIGINT");
  await exited;
  child = undefined;
}

async function mailTo(address: string) {
  const { emails } = (await (await fetch(`${mailbox}/store`)).json()) as any;
  return (emails as any[]).filter((e) => e.destination.to.includes(address));
}

async function post(path: string, body: unknown, cookie?: string) {
  return fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
}

async function signIn(email: string) {
  expect((await post("/api/auth/code", { email })).status).toBe(202);
  const code = (await mailTo(email)).at(-1).subject.match(/\d{6}/)[0];
  const res = await post("/api/auth/verify", { email, code });
  expect(res.status).toBe(200);
  return res.headers.get("set-cookie")!.split(";")[0]!;
}

afterAll(stop);

describe("the local runtime", () => {
  it("keeps data across a restart and fires timers that fell due while it was stopped", async () => {
    await start();
    expect(await (await fetch(`${base}/signin`)).text()).toContain("<html");
    const admin = await signIn("admin@demo.local");
    const invitee = `invitee.${Date.now()}@example.test`;
    expect((await post("/api/users", { email: invitee, name: "停机期间", roles: ["finance"] }, admin)).status).toBe(201);
    expect(await mailTo(invitee)).toHaveLength(1);
    await stop();

    // Three days pass while the server is down.
    const clockFile = join(dataDir, "clock.json");
    let offsetMs = 0;
    try {
      offsetMs = JSON.parse(readFileSync(clockFile, "utf8")).offsetMs;
    } catch {}
    writeFileSync(clockFile, JSON.stringify({ offsetMs: offsetMs + (3 * 24 + 1) * 3600_000 }));

    await start();
    let reminders: any[] = [];
    for (let i = 0; i < 40 && reminders.length === 0; i++) {
      reminders = (await mailTo(invitee)).filter((m) => m.subject === "提醒：您的账号尚未登录");
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(reminders).toHaveLength(1);

    const again = await signIn("admin@demo.local");
    const users = await (await fetch(`${base}/api/users`, { headers: { cookie: again } })).json();
    expect(users.users.map((u: any) => u.email)).toContain(invitee);
    // The signing key and the sessions are kept in the data directory: the session from before
    // the restart still works (sessions run on real time, not on the demo clock).
    expect((await fetch(`${base}/api/me`, { headers: { cookie: again } })).status).toBe(200);
    expect((await fetch(`${base}/api/me`, { headers: { cookie: admin } })).status).toBe(200);
  }, 120_000);
});
