import { parentPort, workerData } from "node:worker_threads";
const { Actor, Ticket } = await import("@aftersales/core");
const { projects, from, to, conc } = workerData as { projects: string[]; from: number; to: number; conc: number };
let n = from;
const t = performance.now();
await Actor.system("bench", () => Promise.all(Array.from({ length: conc }, async () => {
  while (n < to) {
    const i = n++;
    await Ticket.submit({ projectID: projects[i % projects.length]!, source: "phone", description: "漏水", location: "3F", category: "plumbing", urgency: (["emergency","small","general","difficult"] as const)[i % 4], contact: { name: "刘", phone: "13800138000" }, photos: [] } as any);
  }
})));
parentPort!.postMessage({ ms: performance.now() - t });
