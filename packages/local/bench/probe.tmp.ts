import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
for (const conc of [16]) {
  t = performance.now();
  let n = 0;
  const N = 400;
  await Actor.system("bench", () => Promise.all(Array.from({ length: conc }, async () => {
    while (n < N) {
      const i = n++;
      await Ticket.submit({ projectID: projects[i % 60]!, source: "phone", description: "漏水", location: "3F", category: "plumbing", urgency: (["emergency","small","general","difficult"] as const)[i % 4], contact: { name: "刘", phone: "13800138000" }, photos: [] } as any);
    }
  })));
  const ms = performance.now() - t;
  console.log(`conc ${conc}: ${N} in ${ms.toFixed(0)} ms = ${(N / ms * 1000).toFixed(1)}/s`);
}
await rt.stop();
rmSync(dir, { recursive: true, force: true });
process.exit(0);
