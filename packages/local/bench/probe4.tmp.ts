import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { startRuntime } from "../src/runtime";
process.env.POWERTOOLS_LOG_LEVEL ??= "WARN";
const dir = mkdtempSync(join(tmpdir(), "probe-"));
const rt = await startRuntime({ dataDir: dir, port: 38125, webDir: "web/dist", seed: true, standInPorts: { dynamo: 0, ses: 0, s3: 0 }, version: "bench" });
const { Actor, Customer, Project, RepairLink, Ticket } = await import("@aftersales/core");
const projects = await Actor.system("bench", async () => {
  const out: string[] = [];
  for (let i = 0; i < 20; i++) {
    const c = await Customer.create({ name: `压测业主${i}`, kind: "owner" });
    const p = await Project.create({ customerID: c.customerID, name: `压测工程${i}`, completionAcceptedOn: "2025-01-01", depositFen: 1000 } as any);
    out.push(p.projectID);
  }
  return out;
});
const N = 400;
async function main() {
  let n = 0;
  const t = performance.now();
  await Actor.system("bench", () => Promise.all(Array.from({ length: 16 }, async () => {
    while (n < N) {
      const i = n++;
      await Ticket.submit({ projectID: projects[i % projects.length]!, source: "phone", description: "漏水", location: "3F", category: "plumbing", urgency: (["emergency","small","general","difficult"] as const)[i % 4], contact: { name: "刘", phone: "13800138000" }, photos: [] } as any);
    }
  })));
  return (N / (performance.now() - t)) * 1000;
}
async function worker() {
  const t = performance.now();
  await new Promise((done, fail) => {
    const wk = new Worker(new URL("./probe-boot.tmp.mjs", import.meta.url), { workerData: { entry: new URL("./probe-worker.tmp.ts", import.meta.url).href, projects, from: 0, to: N, conc: 16 } });
    wk.once("message", done);
    wk.once("error", fail);
  });
  return (N / (performance.now() - t)) * 1000;
}
for (let r = 0; r < 3; r++) console.log(`main ${(await main()).toFixed(1)}/s  worker ${(await worker()).toFixed(1)}/s`);
await rt.stop();
rmSync(dir, { recursive: true, force: true });
process.exit(0);
