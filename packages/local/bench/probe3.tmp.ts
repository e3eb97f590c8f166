import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ulid } from "ulid";
import { BatchWriteItemCommand, DynamoDBClient, QueryCommand } from "@aws-sdk/client-dynamodb";
import { startRuntime } from "../src/runtime";
process.env.POWERTOOLS_LOG_LEVEL ??= "WARN";
const dir = mkdtempSync(join(tmpdir(), "probe-"));
const port = 38124;
const rt = await startRuntime({ dataDir: dir, port, webDir: "web/dist", seed: true, standInPorts: { dynamo: 0, ses: 0, s3: 0 }, version: "bench" });
const base = `http://127.0.0.1:${port}`;
const { Actor, Customer, Project, RepairLink, Ticket, User, Clock } = await import("@aftersales/core");
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
t = performance.now();
let n = 0; const N = Number(process.env.N ?? 400);
const ids: string[] = [];
await Actor.system("bench", () => Promise.all(Array.from({ length: 16 }, async () => {
  while (n < N) {
    const i = n++;
    const { ticket } = await Ticket.submit({ projectID: projects[i % 60]!, source: "phone", description: "漏水", location: "3F", category: "plumbing", urgency: (["emergency","small","general","difficult"] as const)[i % 4], contact: { name: "刘", phone: "13800138000" }, photos: [] } as any);
    ids.push(ticket.ticketID);
  }
})));
console.log(`submit ${N}: ${(performance.now() - t).toFixed(0)} ms`);
t = performance.now();
const eng = await Actor.system("bench", () => User.fromEmail("engineer@demo.local"));
await Actor.system("bench", async () => {
  let k = 0;
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (k < 100) {
      const id = ids[k++]!;
      await Ticket.dispatch({ ticketID: id, engineerID: eng!.userID });
      await Ticket.arrive({ ticketID: id });
      await Ticket.repair({ ticketID: id, note: "修好了" });
    }
  }));
});
console.log(`dispatch/arrive/repair 100: ${(performance.now() - t).toFixed(0)} ms`);
// clone
const ddb = new DynamoDBClient({});
const table = process.env.SST_Table_tableName_table!;
const month = Clock.shanghaiDate().slice(0, 7);
t = performance.now();
const pool: any[] = [];
let start: any;
do {
  const r = await ddb.send(new QueryCommand({ TableName: table, IndexName: "gsi2", KeyConditionExpression: "gsi2pk = :pk", ExpressionAttributeValues: { ":pk": { S: `$aftersales#reportedmonth_${month}` } }, ExclusiveStartKey: start }));
  pool.push(...r.Items!); start = r.LastEvaluatedKey;
} while (start);
console.log("pool", pool.length, JSON.stringify(pool[0]).length, Object.keys(pool[0]).join(","), pool[0].gsi2pk, pool[0].gsi2sk, pool[0].pk, pool[0].sk);
const target = 10000;
const clones: any[] = [];
for (let i = pool.length; i < target; i++) {
  const src = pool[i % pool.length];
  const oldID = src.ticketID.S, newID = ulid();
  const json = JSON.stringify(src).split(oldID).join(newID).split(oldID.toLowerCase()).join(newID.toLowerCase()).replace(src.number.S, `BX-2026-${String(100000 + i)}`);
  clones.push(JSON.parse(json));
}
let written = 0;
const chunks: any[][] = [];
for (let i = 0; i < clones.length; i += 25) chunks.push(clones.slice(i, i + 25));
let ci = 0;
await Promise.all(Array.from({ length: 4 }, async () => {
  while (ci < chunks.length) {
    let req: any = { [table]: chunks[ci++]!.map((Item) => ({ PutRequest: { Item } })) };
    while (req && Object.keys(req).length) {
      const r = await ddb.send(new BatchWriteItemCommand({ RequestItems: req }));
      req = r.UnprocessedItems;
    }
  }
}));
console.log(`cloned ${clones.length}: ${(performance.now() - t).toFixed(0)} ms`);
// sign in
const post = (path: string, body: unknown) => fetch(`${base}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
await post("/api/auth/code", { email: "admin@demo.local" });
let code: string | undefined;
for (let i = 0; i < 20 && !code; i++) {
  const { emails } = (await (await fetch(`${process.env.AWS_ENDPOINT_URL_SESV2}/store`)).json()) as any;
  code = emails.filter((e: any) => e.destination.to.includes("admin@demo.local")).at(-1)?.subject.match(/\b(\d{6})\b/)?.[1];
  if (!code) await new Promise((r) => setTimeout(r, 100));
}
const verified = await post("/api/auth/verify", { email: "admin@demo.local", code });
const cookie = verified.headers.get("set-cookie")!.split(";")[0]!;
for (let i = 0; i < 8; i++) {
  const s = performance.now();
  const r = await fetch(`${base}/api/reports/warranty?from=${month}&to=${month}`, { headers: { cookie } });
  const j: any = await r.json();
  console.log("report", r.status, (performance.now() - s).toFixed(0), "ms total", j.total, JSON.stringify(j.byStatus));
}
const s = performance.now();
const r = await fetch(`${base}/api/reports/warranty/tickets.csv?from=${month}&to=${month}`, { headers: { cookie } });
const b = await r.arrayBuffer();
console.log("csv", r.status, (performance.now() - s).toFixed(0), "ms", b.byteLength);
await rt.stop();
rmSync(dir, { recursive: true, force: true });
process.exit(0);
