import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { startRuntime } from "../src/runtime";
process.env.POWERTOOLS_LOG_LEVEL ??= "WARN";
const dir = mkdtempSync(join(tmpdir(), "probe-"));
const rt = await startRuntime({ dataDir: dir, port: 38123, webDir: "web/dist", seed: true, standInPorts: { dynamo: 0, ses: 0, s3: 0 }, version: "bench" });
const { Actor, Customer, Project, RepairLink, Ticket } = await import("@aftersales/core");
let t = performance.now();
const projects = await Actor.system("bench", async () => {
  const out: string[] = [];
  await Promise.all(Array.from({ length: 4 }, async (_, w) => {
    for (let i = w; i < 60; i += 4) {
      const c = await Customer.create({ name: `压测业主${i}`, kind: "owner" });
      const p = await Project.create({ customerID: c.customerID, name: `压测工程${i}`, completionAcceptedOn: "2025-01-01", depositFen: 1000 } as any);
      await RepairLink.issue(p.projectID);
      out.push(p.projectID);
    }
  }));
  return out;
});
console.log("60 projects", performance.now() - t);
const W = Number(process.env.W ?? 1), N = Number(process.env.N ?? 1500), C = Number(process.env.C ?? 16);
t = performance.now();
await Promise.all(Array.from({ length: W }, (_, w) => new Promise((done, fail) => {
  const wk = new Worker(new URL("./probe-boot.tmp.mjs", import.meta.url), { workerData: { entry: new URL("./probe-worker.tmp.ts", import.meta.url).href, projects, from: (w * N) / W, to: ((w + 1) * N) / W, conc: C } });
  wk.once("message", (m) => { console.log("worker", w, m); done(m); });
  wk.once("error", fail);
})));
const ms = performance.now() - t;
console.log(`W=${W} C=${C}: ${N} in ${ms.toFixed(0)} ms = ${(N / ms * 1000).toFixed(1)}/s`);
await rt.stop();
rmSync(dir, { recursive: true, force: true });
process.exit(0);
