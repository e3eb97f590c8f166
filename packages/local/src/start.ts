import { fileURLToPath } from "node:url";
import { resolve } from "node:path";
import { existsSync, readFileSync } from "node:fs";
import { demoAccounts } from "./seed";
import { startRuntime } from "./runtime";

const root = resolve(fileURLToPath(new URL("../../..", import.meta.url)));
const port = Number(process.env.PORT ?? 3000);
const dataDir = resolve(root, process.env.DATA_DIR ?? ".data");
const webDir = resolve(root, "web/dist");
const version = JSON.parse(readFileSync(resolve(root, "package.json"), "utf8")).version;

if (!existsSync(webDir)) {
  console.error("web/dist is missing: run `npm run build` first (npm start does this for you).");
  process.exit(1);
}

const runtime = await startRuntime({ dataDir, port, webDir, version: `${version}-local` });

console.log(`
售后与劳务管理系统 / After-sales & Workforce — local runtime
  Portal:   ${runtime.url}
  Mailbox:  ${runtime.mailboxURL}   (sign-in codes arrive here)
  Data:     ${dataDir}
  Demo accounts (sign in with the code from the mailbox):
${demoAccounts.map((a) => `    ${a.email.padEnd(22)} ${a.name}  ${a.roles.join(", ")}`).join("\n")}
${runtime.created.length ? `  Seeded ${runtime.created.length} demo accounts.` : "  Demo data already present."}
Stop with Ctrl-C; data stays in ${dataDir}.
`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    console.log("Stopping…");
    await runtime.stop();
    process.exit(0);
  });
}
