/**
 * `npm run bench`: the figures that matter for cold starts and page weight, printed as tables and
 * written to docs/benchmarks.md.
 *
 *  1. Per-Lambda bundle size (esbuild the way SST v2 bundles an ESM nodejs22.x function, minified).
 *  2. Cold import time of each bundle in a fresh `node` process (median of several).
 *  3. API latency under load (autocannon) against the real local runtime, anonymous and signed in.
 *  4. JavaScript shipped per built page of the site (external + island + inline, raw and gzip),
 *     with a summary of the customers' public pages (/repair/, /track/).
 *  5. Ticket submission under load: POST /api/public/repair through 60 repair links, one client
 *     address per request (so the real rate limits stay out of the figure).
 *  6. The warranty report (and its CSV) over 10,000 tickets in one month.
 *
 * Everything runs on this machine against temp dirs and free ports; it exits non-zero on failure.
 */
import { BatchWriteItemCommand, DynamoDBClient, QueryCommand, type AttributeValue, type BatchWriteItemCommandInput } from "@aws-sdk/client-dynamodb";
import autocannon, { type Result } from "autocannon";
import { build, stop as stopEsbuild, type Metafile } from "esbuild";
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { cpus, loadavg, platform, arch, tmpdir, totalmem } from "node:os";
import { join, posix, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { localEnvironment, type Embedded } from "../src/embedded";
import { startRuntime, type Runtime } from "../src/runtime";

const root = resolve(fileURLToPath(new URL("../../..", import.meta.url)));
const webDist = join(root, "web/dist");
const docFile = join(root, "docs/benchmarks.md");

const IMPORT_SAMPLES = 9;
const LOAD = { connections: 10, durationS: 10, warmupS: 2 };
const ADMIN = "admin@demo.local";
/** The customers' pages: the repair form (project link) and the ticket tracker (ticket link). */
const PUBLIC_PAGES = ["/repair/", "/track/", "/en/repair/", "/en/track/"];

type Table = { title: string; note?: string | string[]; headers: string[]; rows: (string | number)[][] };
const tables: Table[] = [];
const failures: string[] = [];
const cleanups: (() => Promise<void> | void)[] = [];

// ───────────────────────────── helpers ─────────────────────────────

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const gz = (b: Buffer | string) => gzipSync(b).length;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmtMs = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
const step = (msg: string) => console.error(`• ${msg}`);

/** Columns of numbers (optionally with a unit) are right-aligned. */
const numericColumns = (t: Table) =>
  t.headers.map((_, i) => i > 0 && t.rows.length > 0 && t.rows.every((r) => typeof r[i] === "number" || /^[\d.,–]+%?( \w+)?$/.test(String(r[i]))));

function renderText(t: Table): string {
  const cells = [t.headers, ...t.rows.map((r) => r.map(String))];
  const widths = t.headers.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const numeric = numericColumns(t);
  const line = (r: string[]) => r.map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ");
  return [
    t.title,
    line(t.headers),
    widths.map((w) => "─".repeat(w)).join("  "),
    ...cells.slice(1).map(line),
    ...[t.note ?? []].flat().map((n) => `  · ${n}`),
  ].join("\n");
}

function renderMarkdown(t: Table): string {
  const numeric = numericColumns(t);
  return [
    `## ${t.title}`,
    "",
    ...[t.note ?? []].flat().map((n) => `- ${n}`),
    ...(t.note ? [""] : []),
    `| ${t.headers.join(" | ")} |`,
    `| ${t.headers.map((_, i) => (numeric[i] ? "---:" : "---")).join(" | ")} |`,
    ...t.rows.map((r) => `| ${r.map((c) => String(c).replace(/\|/g, "\\|")).join(" | ")} |`),
    "",
  ].join("\n");
}

function sleepSync(ms: number) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function tempDir(label: string) {
  const dir = mkdtempSync(join(tmpdir(), `aftersales-bench-${label}-`));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "0.0.0.0", () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

/** Package name for a bundled input path (the innermost node_modules segment), else the source folder. */
function owner(input: string): { name: string; copy: string } {
  const i = input.lastIndexOf("node_modules/");
  if (i < 0) return { name: input.split("/").slice(0, 3).join("/"), copy: "" };
  const rest = input.slice(i + "node_modules/".length).split("/");
  const name = rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  return { name, copy: input.slice(0, i + "node_modules/".length + name.length) };
}

// ───────────────────────────── 1 + 2: Lambda bundles ─────────────────────────────

/** The ESM banner SST v2 (sst/runtime/handlers/node.js) puts on every ESM function bundle. */
const SST_ESM_BANNER = [
  `import { createRequire as topLevelCreateRequire } from 'module';`,
  `const require = topLevelCreateRequire(import.meta.url);`,
  `import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"`,
  `const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))`,
].join("\n");

type Bundle = { name: string; entry: string; file: string; bytes: number; gzip: number; unminified: number; metafile: Metafile };

async function bundleLambda(name: string, entry: string, outDir: string): Promise<Bundle> {
  const common = {
    entryPoints: [join(root, entry)],
    platform: "node" as const,
    format: "esm" as const,
    bundle: true,
    keepNames: true, // SST sets this
    mainFields: ["module", "main"],
    external: ["sharp", "pg-native"], // SST's forced externals (neither is used); the AWS SDK is bundled
    banner: { js: SST_ESM_BANNER },
    metafile: true,
    logLevel: "error" as const,
  };
  const file = join(outDir, `${name}.mjs`);
  const result = await build({ ...common, outfile: file, target: "node22", minify: true });
  // What `sst deploy` ships with the current stacks (no `nodejs.minify`): unminified, target esnext.
  const plain = await build({ ...common, outfile: join(outDir, `${name}.unminified.mjs`), target: "esnext", minify: false });
  const code = readFileSync(file);
  return {
    name,
    entry,
    file,
    bytes: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    unminified: statSync(join(outDir, `${name}.unminified.mjs`)).size,
    metafile: result.metafile!,
  };
}

function contributors(b: Bundle) {
  const output = Object.values(b.metafile.outputs)[0]!;
  const byName = new Map<string, number>();
  const copies = new Map<string, Map<string, number>>();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const { name, copy } = owner(input);
    byName.set(name, (byName.get(name) ?? 0) + bytesInOutput);
    if (copy) {
      const m = copies.get(name) ?? new Map<string, number>();
      m.set(copy, (m.get(copy) ?? 0) + bytesInOutput);
      copies.set(name, m);
    }
  }
  let aws = 0;
  for (const [name, bytes] of byName) if (/^@(aws-sdk|smithy|aws-crypto)\//.test(name)) aws += bytes;
  // Bytes in second (third…) copies of a package bundled from more than one node_modules folder.
  let duplicate = 0;
  const duplicated: string[] = [];
  for (const [name, m] of copies) {
    if (m.size < 2) continue;
    const sizes = [...m.values()].sort((x, y) => y - x);
    const extra = sizes.slice(1).reduce((x, y) => x + y, 0);
    if (extra > 0) {
      duplicate += extra;
      duplicated.push(`${name} ×${m.size}`);
    }
  }
  // What sst/node's SSM client costs: sst@2 pins @aws-sdk/client-ssm (to fetch Config.Secret values
  // at cold start on AWS), and that older client brings its own STS/SSO/SSO-OIDC clients and credential chain.
  const ssm = onlyThrough(b.metafile, (path) => path.includes("node_modules/@aws-sdk/client-ssm/"));
  return { byName, aws, duplicate, duplicated, ssm, total: output.bytes };
}

/** Output bytes that are reachable from the entry only through modules matching `cut`. */
function onlyThrough(metafile: Metafile, cut: (path: string) => boolean): number {
  const output = Object.values(metafile.outputs)[0]!;
  const reach = (skip: boolean) => {
    const seen = new Set<string>();
    const stack = [output.entryPoint!];
    while (stack.length) {
      const p = stack.pop()!;
      if (seen.has(p) || (skip && cut(p)) || !metafile.inputs[p]) continue;
      seen.add(p);
      for (const i of metafile.inputs[p]!.imports) if (!i.external) stack.push(i.path);
    }
    return seen;
  };
  const all = reach(false);
  const without = reach(true);
  let bytes = 0;
  for (const p of all) if (!without.has(p)) bytes += output.inputs[p]?.bytesInOutput ?? 0;
  return bytes;
}

/** Time `await import(bundle)` in a fresh node process with the environment the local runtime sets. */
async function coldImport(file: string, env: Record<string, string>): Promise<{ importMs: number[]; processMs: number[] }> {
  const script = [
    `const t0 = performance.now();`,
    `const m = await import(process.argv[1]);`,
    `const ms = performance.now() - t0;`,
    `if (typeof m.handler !== "function") throw new Error("no handler export");`,
    `process.stdout.write(JSON.stringify({ ms }) + "\\n");`,
    `process.exit(0);`,
  ].join("\n");
  const importMs: number[] = [];
  const processMs: number[] = [];
  for (let i = 0; i < IMPORT_SAMPLES; i++) {
    const started = performance.now();
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((done, fail) => {
      const child = spawn(process.execPath, ["--input-type=module", "-e", script, pathToFileURL(file).href], {
        env,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.stderr.on("data", (d) => (stderr += d));
      child.once("error", fail);
      child.once("exit", (code) => done({ code, stdout, stderr }));
    });
    const wall = performance.now() - started;
    if (code !== 0) throw new Error(`importing ${file} failed (exit ${code}):\n${stderr}`);
    importMs.push(JSON.parse(stdout.trim().split("\n").at(-1)!).ms);
    processMs.push(wall);
  }
  return { importMs, processMs };
}

async function lambdas() {
  step("bundling the Lambda handlers with esbuild (SST v2 settings, minified)…");
  const outDir = tempDir("bundles");
  const bundles = [
    await bundleLambda("api", "packages/functions/src/api.ts", outDir),
    await bundleLambda("timer", "packages/functions/src/timer.ts", outDir),
  ];
  await stopEsbuild();

  // Dummy endpoints: nothing is contacted at import time, only configuration is read.
  const fake: Embedded = {
    endpoints: { dynamo: "http://127.0.0.1:9", ses: "http://127.0.0.1:9", s3: "http://127.0.0.1:9" },
    tableName: "aftersales-local",
    bucketName: "attachments",
    stop: async () => {},
  };
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: tmpdir(),
    ...localEnvironment(fake, { siteURL: "http://localhost:3000", sessionSecret: "bench".repeat(8), version: "bench" }),
  };

  const imports = new Map<string, { importMs: number[]; processMs: number[] }>();
  for (const b of bundles) {
    step(`cold import of ${b.name}.mjs × ${IMPORT_SAMPLES} fresh node processes…`);
    imports.set(b.name, await coldImport(b.file, env));
  }
  // Baseline: a node process that imports nothing.
  const empty = join(outDir, "empty.mjs");
  writeFileSync(empty, "export const handler = () => {};\n");
  const baseline = await coldImport(empty, env);

  tables.push({
    title: "Lambda bundles (esbuild, SST v2 ESM settings: platform node, format esm, target node22, minify, AWS SDK bundled)",
    note: [
      "sizes in KiB; gzip at level 9 (Lambda's code-size limits apply to the unzipped bundle)",
      '"unminified" = for comparison only: sst.config.ts sets `nodejs: { format: "esm", minify: true }`, so deploys ship the minified bundle',
      `cold import = median of ${IMPORT_SAMPLES} fresh \`node\` processes each timing \`await import(bundle)\` with the local runtime's SST_* environment (dummy endpoints; on AWS, sst/node also fetches the Config.Secret values from SSM during import, which is not included)`,
      `process = spawn → exit wall time of the same processes; a node process importing an empty module takes ${fmtMs(median(baseline.processMs))} ms`,
    ],
    headers: ["bundle", "minified", "gzip", "unminified", "cold import p50", "import min–max", "process p50"],
    rows: bundles.map((b) => {
      const t = imports.get(b.name)!;
      return [
        `${b.name} (${b.entry})`,
        kb(b.bytes),
        kb(b.gzip),
        kb(b.unminified),
        `${fmtMs(median(t.importMs))} ms`,
        `${fmtMs(Math.min(...t.importMs))}–${fmtMs(Math.max(...t.importMs))} ms`,
        `${fmtMs(median(t.processMs))} ms`,
      ];
    }),
  });

  const stats = bundles.map((b) => contributors(b));
  const names = [...stats[0]!.byName.entries()].sort((x, y) => y[1] - x[1]).slice(0, 12).map(([n]) => n);
  tables.push({
    title: "What fills the bundles (bytes in the minified output, top packages of api)",
    note: stats.map(
      (s, i) =>
        `${bundles[i]!.name}: AWS SDK (@aws-sdk/*, @smithy/*, @aws-crypto/*) ${kb(s.aws)} = ${Math.round((100 * s.aws) / s.total)}%; ` +
        `${kb(s.ssm)} (${Math.round((100 * s.ssm) / s.total)}%) is reachable only through sst/node's SSM client (sst@2 pins an older @aws-sdk/client-ssm, which brings its own STS/SSO/SSO-OIDC clients); ` +
        `${kb(s.duplicate)} is extra copies of ${s.duplicated.length} packages bundled from more than one node_modules folder`,
    ),
    headers: ["package", ...bundles.map((b) => b.name), "share of api"],
    rows: names.map((n) => [n, ...stats.map((s) => kb(s.byName.get(n) ?? 0)), `${((100 * (stats[0]!.byName.get(n) ?? 0)) / stats[0]!.total).toFixed(1)}%`]),
  });
  return { bundles, stats };
}

// ───────────────────────────── 3: API under load ─────────────────────────────

async function signIn(base: string, mailbox: string, email: string): Promise<string> {
  const post = (path: string, body: unknown) =>
    fetch(`${base}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const requested = await post("/api/auth/code", { email });
  if (requested.status !== 202) throw new Error(`POST /api/auth/code → ${requested.status} ${await requested.text()}`);
  let code: string | undefined;
  for (let i = 0; i < 20 && !code; i++) {
    const { emails } = (await (await fetch(`${mailbox}/store`)).json()) as { emails: { destination: { to: string[] }; subject: string }[] };
    code = emails.filter((e) => e.destination.to.includes(email)).at(-1)?.subject.match(/\b(\d{6})\b/)?.[1];
    if (!code) await new Promise((r) => setTimeout(r, 100));
  }
  if (!code) throw new Error(`no sign-in code for ${email} in the SES emulator's mailbox`);
  const verified = await post("/api/auth/verify", { email, code });
  if (verified.status !== 200) throw new Error(`POST /api/auth/verify → ${verified.status} ${await verified.text()}`);
  const cookie = verified.headers.get("set-cookie")?.split(";")[0];
  if (!cookie) throw new Error("verify returned no session cookie");
  const me = await fetch(`${base}/api/me`, { headers: { cookie } });
  if (me.status !== 200) throw new Error(`GET /api/me with the new session → ${me.status}`);
  return cookie;
}

async function load(url: string, headers: Record<string, string>, durationS: number): Promise<Result> {
  // One worker thread: the load generator gets its own event loop, so it does not steal the server's.
  return autocannon({ url, connections: LOAD.connections, duration: durationS, workers: 1, headers, timeout: 10 });
}

type BenchRuntime = { base: string; mailbox: string; stop(): Promise<void> };

async function startBenchRuntime(): Promise<BenchRuntime> {
  step("starting the local runtime (fresh data dir, free port, seeded)…");
  // Access logs at INFO would print one line per request; keep the terminal (and the figures) clean.
  process.env.POWERTOOLS_LOG_LEVEL ??= "WARN";
  const port = await freePort();
  const runtime: Runtime = await startRuntime({
    dataDir: tempDir("data"),
    port,
    webDir: webDist,
    seed: true,
    standInPorts: { dynamo: 0, ses: 0, s3: 0 },
    version: "bench",
  });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await runtime.stop();
  };
  cleanups.unshift(stop); // stop the runtime before its data dir is removed
  const base = `http://127.0.0.1:${port}`;
  const health = await fetch(`${base}/api/health`);
  if (!health.ok) throw new Error(`GET /api/health → ${health.status}`);
  return { base, mailbox: process.env.AWS_ENDPOINT_URL_SESV2!, stop };
}

/** Returns the admin's session cookie (for the warranty report later). */
async function api({ base, mailbox }: BenchRuntime): Promise<string> {
  const cookie = await signIn(base, mailbox, ADMIN);

  const targets = [
    { label: "GET /api/health", path: "/api/health", headers: {} as Record<string, string> },
    { label: `GET /api/me (signed in as ${ADMIN})`, path: "/api/me", headers: { cookie } },
  ];
  const rows: (string | number)[][] = [];
  for (const t of targets) {
    step(`${t.label}: warm-up ${LOAD.warmupS} s, then ${LOAD.connections} connections × ${LOAD.durationS} s…`);
    const warm = await load(base + t.path, t.headers, LOAD.warmupS);
    if (warm.non2xx || warm.errors) failures.push(`${t.label} warm-up: ${warm.non2xx} non-2xx, ${warm.errors} errors`);
    const r = await load(base + t.path, t.headers, LOAD.durationS);
    const bad = r.non2xx + r.errors + r.timeouts;
    if (bad) failures.push(`${t.label}: ${r.non2xx} non-2xx (${JSON.stringify(r.statusCodeStats)}), ${r.errors} errors, ${r.timeouts} timeouts`);
    if (!r.requests.total) failures.push(`${t.label}: no requests completed`);
    rows.push([
      t.label,
      Math.round(r.requests.average),
      `${r.latency.p50} ms`,
      `${r.latency.p99} ms`,
      `${r.latency.max} ms`,
      r.requests.total,
      r.non2xx,
      r.errors + r.timeouts,
    ]);
  }
  tables.push({
    title: `API under load (autocannon, ${LOAD.connections} connections × ${LOAD.durationS} s after a ${LOAD.warmupS} s warm-up, local runtime in-process)`,
    note: [
      "the whole local runtime (Hono on @hono/node-server + dynalite + SES/S3 emulators) shares one event loop; autocannon runs in a worker thread of the same process",
      "/api/health touches no storage; /api/me verifies the session JWT, then reads the session and the user from dynalite on every request (the route reuses the user the session middleware read)",
      "POWERTOOLS_LOG_LEVEL=WARN, so the per-request access log is not written during the run",
    ],
    headers: ["endpoint", "req/s", "p50", "p99", "max", "requests", "non-2xx", "errors"],
    rows,
  });
  return cookie;
}

// ───────────────────────────── 4: JS per page ─────────────────────────────

function ensureWeb() {
  // A dist folder without index.html is most likely being rebuilt right now: give that a moment.
  for (let i = 0; i < 30 && existsSync(webDist) && !existsSync(join(webDist, "index.html")); i++) sleepSync(2000);
  if (existsSync(join(webDist, "index.html"))) return;
  step("web/dist is missing: building the site (npm run build --workspace web)…");
  const r = spawnSync("npm", ["run", "build", "--workspace", "web"], { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
  if (r.status !== 0) throw new Error(`web build failed (exit ${r.status})`);
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? htmlFiles(p) : e.name.endsWith(".html") ? [p] : [];
  });
}

/** dist-relative key ("_astro/x.js") for a URL referenced from `from` (a dist-relative file). */
function resolveAsset(spec: string, from: string): string | undefined {
  if (/^[a-z]+:|^\/\//i.test(spec)) return undefined; // another origin
  const path = spec.split(/[?#]/)[0]!;
  return path.startsWith("/") ? posix.normalize(path.slice(1)) : posix.join(posix.dirname(from), path);
}

const STATIC_IMPORT = /(?:^|[^.\w$])(?:import|export)\s*(?:[^"'()]*?from\s*)?["']([^"']+\.m?js)["']/g;
const DYNAMIC_IMPORT = /(?:^|[^.\w$])import\s*\(\s*["']([^"']+\.m?js)["']\s*\)/g;

function follow(key: string, seen: Set<string>, lazy: Set<string>) {
  if (seen.has(key)) return;
  seen.add(key);
  const src = readFileSync(join(webDist, key), "utf8");
  for (const m of src.matchAll(STATIC_IMPORT)) {
    const next = resolveAsset(m[1]!, key);
    if (next) follow(next, seen, lazy);
  }
  for (const m of src.matchAll(DYNAMIC_IMPORT)) {
    const next = resolveAsset(m[1]!, key);
    if (next) lazy.add(next);
  }
}

function pages() {
  step("measuring JavaScript per page in web/dist…");
  const rows: (string | number)[][] = [];
  for (const page of htmlFiles(webDist).sort()) {
    const from = relative(webDist, page).split("\\").join("/");
    const html = readFileSync(page, "utf8");
    const seen = new Set<string>();
    const lazy = new Set<string>();
    const entries = [
      ...[...html.matchAll(/<script\b[^>]*\ssrc=["']([^"']+)["']/g)].map((m) => m[1]!),
      ...[...html.matchAll(/<astro-island\b[^>]*>/g)].flatMap((m) =>
        [...m[0].matchAll(/\s(?:component-url|renderer-url)=["']([^"']+)["']/g)].map((a) => a[1]!),
      ),
    ];
    for (const e of entries) {
      const key = resolveAsset(e, from);
      if (key) follow(key, seen, lazy);
    }
    // Dynamic imports only (and everything they pull in that the page did not already load).
    const lazyAll = new Set<string>();
    for (const k of lazy) if (!seen.has(k)) follow(k, lazyAll, new Set());
    for (const k of seen) lazyAll.delete(k);

    let inline = "";
    for (const m of html.matchAll(/<script\b(?![^>]*\ssrc=)([^>]*)>([\s\S]*?)<\/script>/g)) {
      const type = /\stype=["']?([^"'\s>]+)/.exec(m[1]!)?.[1];
      if (type && !/^(module|text\/javascript|application\/javascript)$/i.test(type)) continue; // JSON, templates
      inline += m[2];
    }
    const files = [...seen].map((k) => readFileSync(join(webDist, k)));
    const external = files.reduce((a, b) => a + b.length, 0);
    const externalGzip = files.reduce((a, b) => a + gz(b), 0);
    const inlineBytes = Buffer.byteLength(inline);
    const lazyBytes = [...lazyAll].reduce((a, k) => a + statSync(join(webDist, k)).size, 0);
    rows.push([
      "/" + from.replace(/(^|\/)index\.html$/, "$1"),
      seen.size,
      external,
      inlineBytes,
      external + inlineBytes,
      externalGzip + (inlineBytes ? gz(inline) : 0),
      lazyBytes,
    ]);
  }
  const built = new Date(statSync(join(webDist, "index.html")).mtimeMs).toISOString().replace(/\.\d+Z$/, "Z");
  // The customers' pages (no account, opened from a QR code or an email on a phone).
  const byPage = new Map(rows.map((r) => [String(r[0]), r]));
  const publicBuilt = PUBLIC_PAGES.filter((p) => byPage.has(p));
  const publicMissing = PUBLIC_PAGES.filter((p) => !byPage.has(p));
  const publicLine =
    "public pages: " +
    (publicBuilt.length
      ? publicBuilt
          .map((p) => {
            const [, files, , , raw, gzip] = byPage.get(p)!;
            return `${p} ${kb(Number(raw))} (${kb(Number(gzip))} gzip, ${files} file${files === 1 ? "" : "s"})`;
          })
          .join("; ")
      : "none built") +
    (publicMissing.length ? `; not in web/dist at this run: ${publicMissing.join(", ")}` : "");
  tables.push({
    title: "JavaScript per page (web/dist)",
    note: [
      "bytes; external = <script src> files + <astro-island> component-url/renderer-url + everything they import statically (dist/_astro)",
      "inline = inline <script> bodies (JSON data scripts excluded); total gzip = each file gzipped on its own (level 6) + the inline code gzipped",
      `lazy = reachable only through dynamic import(), not loaded up front; web/dist built ${built}`,
      publicLine,
    ],
    headers: ["page", "files", "external", "inline", "total raw", "total gzip", "lazy"],
    rows,
  });
}

function pagesWithRetry() {
  // Someone may be rebuilding web/dist concurrently (files vanish mid-scan): try again shortly.
  for (let attempt = 1; ; attempt++) {
    const before = tables.length;
    try {
      return pages();
    } catch (err) {
      tables.length = before;
      if ((err as NodeJS.ErrnoException).code !== "ENOENT" || attempt >= 5) throw err;
      step(`web/dist changed while reading it (${(err as Error).message}); retrying…`);
      sleepSync(3000);
    }
  }
}

// ───────────────────────────── 5 + 6: warranty tickets and report ─────────────────────────────

const WARRANTY = {
  projects: 60,
  reportTickets: 10_000,
  concurrency: 16,
  /** Seconds of Ticket.submit top-up before the rest is written as copies (see `copyTickets`). */
  submitBudgetS: 40,
  transitions: { dispatch: 300, arrive: 240, repair: 180 },
  /** Sequential submissions (one at a time) next to the load run. */
  sequential: 20,
  reportSamples: 20,
};
/** BENCH_ALL_SUBMIT=1: reach the ticket count through Ticket.submit alone (several minutes). */
const ALL_SUBMIT = process.env.BENCH_ALL_SUBMIT === "1";
const ENGINEER = "engineer@demo.local";
/** The timer each submission schedules to re-send missed alerts (ticket.ts; ref `ticket#<ticketID>`). */
const NOTIFY_TIMER = "ticket.notify_reported";
const URGENCIES = ["emergency", "small", "general", "difficult"] as const;
const REPORTS = [
  { description: "三楼男卫生间给水管接头漏水，地面已积水", location: "3F 男卫生间", category: "plumbing" },
  { description: "地下车库两排照明灯不亮", location: "B1 车库 C 区", category: "electrical" },
  { description: "屋面雨后渗水，顶层走廊天花板有水渍", location: "屋面 / 18F 走廊", category: "waterproofing" },
  { description: "2# 冷却塔风机异响，振动明显", location: "屋面冷却塔", category: "equipment" },
  { description: "办公区风机盘管不制冷", location: "9F 905 室", category: "cooling" },
];

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const int = (n: number) => Math.round(n).toLocaleString("en-US");

/** Runs `task(0..total-1)`, `concurrency` at a time, until done or `stop()` says so; returns how many ran. */
async function inPool(total: number, concurrency: number, task: (i: number) => Promise<void>, stop?: () => boolean): Promise<number> {
  let next = 0;
  let done = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, total) }, async () => {
      while (next < total && !stop?.()) {
        await task(next++);
        done++;
      }
    }),
  );
  return done;
}

/** Prints `label` with a count and rate every few seconds while seeding. */
function progress(label: string, count: () => number, total: number) {
  const started = performance.now();
  const timer = setInterval(() => {
    const s = (performance.now() - started) / 1000;
    step(`  ${label}: ${int(count())} / ${int(total)} (${(count() / s).toFixed(0)}/s, ${s.toFixed(0)} s)`);
  }, 5000);
  return () => clearInterval(timer);
}

type DynamoCall = { command: string; index?: string; byMonth: boolean; ms: number };

/**
 * Records the calls made through the core's DynamoDB client (every entity uses it) while
 * recording: command, index and send → parsed-response time. Idle otherwise.
 */
function tapDynamo(client: { middlewareStack: { add(m: unknown, o: unknown): void } }) {
  let calls: DynamoCall[] | undefined;
  client.middlewareStack.add(
    (next: (a: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: { input?: Record<string, unknown> }) => {
      const into = calls;
      if (!into) return next(args);
      const started = performance.now();
      try {
        return await next(args);
      } finally {
        into.push({
          command: String(context.commandName ?? "?").replace(/Command$/, ""),
          index: args.input?.IndexName as string | undefined,
          byMonth: JSON.stringify(args.input?.ExpressionAttributeValues ?? {}).includes("#reportedmonth_"),
          ms: performance.now() - started,
        });
      }
    },
    { step: "initialize", name: "benchDynamoTap" },
  );
  return {
    start: () => void (calls = []),
    stop: () => {
      const recorded = calls ?? [];
      calls = undefined;
      return recorded;
    },
  };
}

function callMix(calls: DynamoCall[], per: number) {
  const by = new Map<string, number>();
  for (const c of calls) by.set(c.command, (by.get(c.command) ?? 0) + 1);
  return [...by]
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${(v / per).toFixed(1)}`)
    .join(", ");
}

async function mailCount(mailbox: string): Promise<number> {
  const { emails } = (await (await fetch(`${mailbox}/store`)).json()) as { emails: unknown[] };
  return emails.length;
}

/**
 * The autocannon worker `require`s setupRequest from a file: one distinct client address per
 * request (198.18.0.0/15, offset per run), the repair links round-robin, a valid body.
 */
function repairSetupFile(dir: string, label: string, tokens: string[], firstAddress: number): string {
  const file = join(dir, `repair-${label}.cjs`);
  writeFileSync(
    file,
    [
      `"use strict";`,
      `// Generated by packages/local/bench/run.ts for one autocannon run.`,
      `const tokens = ${JSON.stringify(tokens)};`,
      `const urgencies = ${JSON.stringify(URGENCIES)};`,
      `const reports = ${JSON.stringify(REPORTS)};`,
      `let n = 0;`,
      `module.exports = function setupRequest(req) {`,
      `  const i = n++;`,
      `  const a = (${firstAddress} + i) % 131072;`,
      `  req.headers = Object.assign({}, req.headers, {`,
      `    "x-link-token": tokens[i % tokens.length],`,
      `    "x-forwarded-for": "198." + (18 + (a >> 16)) + "." + ((a >> 8) & 255) + "." + (a & 255),`,
      `  });`,
      `  const r = reports[i % reports.length];`,
      `  req.body = JSON.stringify({ description: r.description, location: r.location, category: r.category, urgency: urgencies[i % 4], contact: { name: "刘物业", phone: "13800138000" }, photos: [] });`,
      `  return req;`,
      `};`,
      ``,
    ].join("\n"),
  );
  return file;
}

/** A ULID (Crockford base32: 10 chars of milliseconds, 16 random), like the domain's ticket ids. */
function newULID(): string {
  const A = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  let t = Date.now();
  let time = "";
  for (let i = 0; i < 10; i++, t = Math.floor(t / 32)) time = A[t % 32] + time;
  return time + [...randomBytes(16)].map((b) => A[b % 32]).join("");
}

/**
 * Copies of real "reported" tickets of the month, written with BatchWriteItem: the same stored
 * item (attributes, history, index keys) with a new ticketID (in the attribute and every key)
 * and a number from a range real ones do not reach (BX-YYYY-5xxxxx). No timers or tracking links
 * are created for them; the report reads only the ticket items.
 */
async function copyTickets(month: string, count: number): Promise<void> {
  const ddb = new DynamoDBClient({});
  const table = process.env.SST_Table_tableName_table!;
  try {
    const sources: Record<string, AttributeValue>[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await ddb.send(
        new QueryCommand({
          TableName: table,
          IndexName: "gsi2",
          KeyConditionExpression: "gsi2pk = :pk",
          ExpressionAttributeValues: { ":pk": { S: `$aftersales#reportedmonth_${month}` } },
          ExclusiveStartKey: start,
        }),
      );
      sources.push(...(page.Items ?? []).filter((i) => i.status?.S === "reported" && i.__edb_e__?.S === "ticket"));
      start = page.LastEvaluatedKey;
    } while (start);
    if (!sources.length) throw new Error(`no reported tickets in ${month} to copy`);
    const batches: Record<string, AttributeValue>[][] = [];
    for (let i = 0; i < count; i++) {
      const source = sources[i % sources.length]!;
      const oldID = source.ticketID!.S!;
      const newID = newULID();
      const item = JSON.parse(
        JSON.stringify(source).split(oldID).join(newID).split(oldID.toLowerCase()).join(newID.toLowerCase()),
      ) as Record<string, AttributeValue>;
      item.number = { S: `${source.number!.S!.replace(/-\d+$/, "")}-${500001 + i}` };
      if (i % 25 === 0) batches.push([]);
      batches.at(-1)!.push(item);
    }
    let written = 0;
    const stopProgress = progress("copies written", () => written, count);
    try {
      await inPool(batches.length, 4, async (b) => {
        let request: BatchWriteItemCommandInput["RequestItems"] = { [table]: batches[b]!.map((Item) => ({ PutRequest: { Item } })) };
        for (let attempt = 0; request && Object.keys(request).length; attempt++) {
          if (attempt > 20) throw new Error("BatchWriteItem kept returning unprocessed items");
          request = (await ddb.send(new BatchWriteItemCommand({ RequestItems: request }))).UnprocessedItems;
        }
        written += batches[b]!.length;
      });
    } finally {
      stopProgress();
    }
  } finally {
    ddb.destroy();
  }
}

async function warranty({ base, mailbox }: BenchRuntime, cookie: string) {
  // The runtime has set the environment: the domain may load now (it reads its configuration at import).
  const { Actor, Clock, Customer, Link, Project, RepairLink, Ticket, Timer, User } = await import("@aftersales/core");
  const { LIMITS } = Link;
  const { Client } = await import("@aftersales/core/dynamo");
  const tap = tapDynamo(Client as unknown as Parameters<typeof tapDynamo>[0]);
  const month = Clock.shanghaiDate().slice(0, 7);
  const monthTickets = () => Actor.system("bench", () => Ticket.queryMonths([month], ["ticketID", "status"]));

  // ── projects with repair links
  step(`creating ${WARRANTY.projects} customers + projects + repair links in-process (system actor)…`);
  const accepted = Clock.shanghaiDate(Clock.addDays(Clock.now(), -365));
  const projects: { projectID: string; token: string }[] = [];
  await Actor.system("bench", () =>
    inPool(WARRANTY.projects, 4, async (i) => {
      const customer = await Customer.create({ name: `压测业主${i + 1}有限公司`, kind: "owner" });
      const project = await Project.create({
        customerID: customer.customerID,
        name: `压测${i + 1}号楼机电安装工程`,
        completionAcceptedOn: accepted,
        depositFen: 1_000_000,
      } as Parameters<typeof Project.create>[0]);
      const { url } = await RepairLink.issue(project.projectID);
      projects[i] = { projectID: project.projectID, token: url.split("#")[1]! };
    }),
  );

  // ── 5: POST /api/public/repair under load
  const setupDir = tempDir("autocannon");
  const tokens = projects.map((p) => p.token);
  const repairLoad = (label: string, firstAddress: number, durationS: number) =>
    autocannon({
      url: base,
      connections: LOAD.connections,
      duration: durationS,
      workers: 1,
      timeout: 10,
      requests: [
        {
          method: "POST",
          path: "/api/public/repair",
          headers: { "content-type": "application/json" },
          setupRequest: repairSetupFile(setupDir, label, tokens, firstAddress),
        },
      ],
    });
  const label = "POST /api/public/repair";
  const ticketsAtStart = (await monthTickets()).length;
  step(`${label}: warm-up ${LOAD.warmupS} s, then ${LOAD.connections} connections × ${LOAD.durationS} s…`);
  const warm = await repairLoad("warmup", 0, LOAD.warmupS);
  if (warm.non2xx || warm.errors) failures.push(`${label} warm-up: ${warm.non2xx} non-2xx (${JSON.stringify(warm.statusCodeStats)}), ${warm.errors} errors`);
  const settle = () => new Promise((done) => setTimeout(done, 1000)); // requests cut off at the end of a run still finish
  await settle();
  // One at a time (nothing else in flight): what a single submission costs.
  step(`${label}: ${WARRANTY.sequential} sequential requests…`);
  const alone: number[] = [];
  tap.start();
  for (let i = 0; i < WARRANTY.sequential; i++) {
    const started = performance.now();
    const res = await fetch(`${base}/api/public/repair`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-link-token": tokens[i % tokens.length]!, "x-forwarded-for": `198.18.200.${i}` },
      body: JSON.stringify({ ...REPORTS[i % REPORTS.length]!, urgency: URGENCIES[i % URGENCIES.length], contact: { name: "刘物业", phone: "13800138000" }, photos: [] }),
    });
    const text = await res.text();
    alone.push(performance.now() - started);
    if (res.status !== 201) failures.push(`${label} (sequential) → ${res.status} ${text.slice(0, 200)}`);
  }
  const aloneCalls = tap.stop();
  const ticketsBefore = (await monthTickets()).length;
  const mailsBefore = await mailCount(mailbox);
  tap.start();
  const r = await repairLoad("run", 65_536, LOAD.durationS);
  await settle();
  const submitCalls = tap.stop();
  const ticketsAfter = (await monthTickets()).length;
  const mailsAfter = await mailCount(mailbox);
  const bad = r.non2xx + r.errors + r.timeouts;
  if (bad) failures.push(`${label}: ${r.non2xx} non-2xx (${JSON.stringify(r.statusCodeStats)}), ${r.errors} errors, ${r.timeouts} timeouts`);
  if (!r.requests.total) failures.push(`${label}: no requests completed`);
  const createdRun = ticketsAfter - ticketsBefore;
  const createdAll = ticketsAfter - ticketsAtStart;
  if (createdRun < r["2xx"]) failures.push(`${label}: ${r["2xx"]} answers 201 but only ${createdRun} new tickets`);
  const perTicket = Math.max(1, createdRun);
  const dynamoMsPerTicket = submitCalls.reduce((a, c) => a + c.ms, 0) / perTicket;
  const mailsPerTicket = (mailsAfter - mailsBefore) / perTicket;
  const perLinkMax = Math.ceil((warm.requests.total + alone.length + r.requests.total) / tokens.length);
  const cutOff = createdAll - warm["2xx"] - alone.length - r["2xx"];
  const aloneDynamoMs = aloneCalls.reduce((a, c) => a + c.ms, 0) / alone.length;
  tables.push({
    title: `Ticket submission under load (autocannon, ${LOAD.connections} connections × ${LOAD.durationS} s after a ${LOAD.warmupS} s warm-up, local runtime in-process)`,
    note: [
      `customers report repairs through ${tokens.length} project repair links (created in-process: Customer.create → Project.create → RepairLink.issue as the system actor), used round-robin in x-link-token`,
      `every request has its own x-forwarded-for (198.18.0.0/15, none repeated), so the real limits stay out of the figure: per client ${LIMITS.perClient.limit} / ${LIMITS.perClient.windowSeconds / 60} min is never approached, per link ${LIMITS.perLink.limit} / ${LIMITS.perLink.windowSeconds / 60} min sees at most ${perLinkMax} requests here`,
      `body: one of ${REPORTS.length} descriptions/locations/categories, urgency cycling ${URGENCIES.join("/")}, contact {name, phone} without email (no customer mail), photos []`,
      `tickets created = tickets of ${month} counted through the byMonth index before the warm-up and after the run: ${int(r["2xx"])} answered 201 in the measured run, ${int(warm["2xx"])} in the warm-up, ${alone.length} sequential, ${int(cutOff)} by requests autocannon cut off at the end of a run (the server still completes them)`,
      `each ticket (measured run) cost ${(submitCalls.length / perTicket).toFixed(1)} DynamoDB calls (${callMix(submitCalls, perTicket)}), made one after another, taking ${fmtMs(dynamoMsPerTicket)} ms in total (send → parsed response, including waits for the shared event loop) of the ${fmtMs(r.latency.mean)} ms mean latency, ` +
        `and ${mailsPerTicket.toFixed(2)} emails to staff through the SES emulator (ticket.new to every after_sales user, also to the engineering head for emergencies; each is an outbox claim + SES call + outbox update)`,
      `one at a time (${alone.length} sequential requests after the warm-up, nothing else in flight): p50 ${fmtMs(median(alone))} ms, min ${fmtMs(Math.min(...alone))} ms, max ${fmtMs(Math.max(...alone))} ms, of which ${fmtMs(aloneDynamoMs)} ms in ${(aloneCalls.length / alone.length).toFixed(1)} DynamoDB calls per ticket (${callMix(aloneCalls, alone.length)}); under load the ${LOAD.connections} connections queue for the one event loop (latency ≈ connections ÷ throughput)`,
    ],
    headers: ["endpoint", "req/s", "p50", "p99", "max", "requests", "non-2xx", "errors", "tickets created"],
    rows: [
      [
        `${label} (customer repair link)`,
        Math.round(r.requests.average),
        `${r.latency.p50} ms`,
        `${r.latency.p99} ms`,
        `${r.latency.max} ms`,
        r.requests.total,
        r.non2xx,
        r.errors + r.timeouts,
        createdAll,
      ],
    ],
  });

  // ── 6: bring the month to 10,000 tickets
  const afterLoad = ticketsAfter;
  let need = WARRANTY.reportTickets - afterLoad;
  let submitted = 0;
  let submitS = 0;
  if (need > 0) {
    const budget = ALL_SUBMIT ? "" : `, at most ${WARRANTY.submitBudgetS} s`;
    step(`topping ${month} up to ${int(WARRANTY.reportTickets)} tickets: Ticket.submit in-process (system actor, ${WARRANTY.concurrency} at a time${budget})…`);
    const started = performance.now();
    const until = ALL_SUBMIT ? Infinity : started + WARRANTY.submitBudgetS * 1000;
    const stopProgress = progress("tickets submitted", () => submitted, need);
    try {
      await Actor.system("bench", () =>
        inPool(
          need,
          WARRANTY.concurrency,
          async (i) => {
            const report = REPORTS[i % REPORTS.length]!;
            await Ticket.submit({
              projectID: projects[i % projects.length]!.projectID,
              source: "phone",
              ...report,
              urgency: URGENCIES[i % URGENCIES.length]!,
              contact: { name: "刘物业", phone: "13800138000" },
              photos: [],
            } as Parameters<typeof Ticket.submit>[0]);
            submitted++;
          },
          () => performance.now() > until,
        ),
      );
    } finally {
      stopProgress();
    }
    submitS = (performance.now() - started) / 1000;
  }

  // Real transitions, so the report has dispatches, arrivals and repairs.
  const { dispatch, arrive, repair } = WARRANTY.transitions;
  step(`Ticket.dispatch ×${dispatch} (to ${ENGINEER}), Ticket.arrive ×${arrive}, Ticket.repair ×${repair} in-process…`);
  const engineer = await Actor.system("bench", () => User.fromEmail(ENGINEER));
  if (!engineer) throw new Error(`${ENGINEER} (after_sales) is missing: the runtime's demo seed did not run`);
  const reported = (await monthTickets()).filter((t) => t.status === "reported");
  if (reported.length < dispatch) throw new Error(`only ${reported.length} reported tickets to dispatch`);
  const chosen = Array.from({ length: dispatch }, (_, i) => reported[Math.floor((i * reported.length) / dispatch)]!.ticketID);
  let moved = 0;
  const stopMoves = progress("tickets moved", () => moved, dispatch);
  try {
    await Actor.system("bench", () =>
      inPool(dispatch, WARRANTY.concurrency, async (i) => {
        const ticketID = chosen[i]!;
        await Ticket.dispatch({ ticketID, engineerID: engineer.userID });
        if (i < arrive) await Ticket.arrive({ ticketID });
        if (i < repair) await Ticket.repair({ ticketID, note: "已更换损坏部件并试运行正常", responsibleTeam: "压测维修班" });
        moved++;
      }),
    );
  } finally {
    stopMoves();
  }

  // Every submission also scheduled a ticket.notify_reported timer, due 2 minutes later (it sends
  // whatever alerts the request missed; here none). On AWS those fire in the timer Lambda; locally
  // the timer loop shares the runtime's event loop and would compete with the report requests.
  const real = await monthTickets();
  step(`cancelling the pending ${NOTIFY_TIMER} timers of ${int(real.length)} real tickets (Timer.cancelByRef), so the local timer loop stays idle during the report…`);
  let checked = 0;
  let cancelled = 0;
  const stopCancel = progress("tickets checked", () => checked, real.length);
  try {
    await Actor.system("bench", () =>
      inPool(real.length, WARRANTY.concurrency, async (i) => {
        const n = await Timer.cancelByRef(`ticket#${real[i]!.ticketID}`, [NOTIFY_TIMER]);
        cancelled += n; // not `cancelled += await …`: that reads `cancelled` before the await
        checked++;
      }),
    );
  } finally {
    stopCancel();
  }

  const beforeCopies = real.length;
  need = WARRANTY.reportTickets - beforeCopies;
  const copies = Math.max(0, need);
  if (copies > 0) {
    step(`writing ${int(copies)} copies of real reported tickets (BatchWriteItem, 25 per call)…`);
    await copyTickets(month, copies);
  }
  const finalTickets = await monthTickets();
  if (finalTickets.length < WARRANTY.reportTickets)
    failures.push(`warranty report: only ${finalTickets.length} tickets in ${month}, wanted ${WARRANTY.reportTickets}`);

  // ── the report and its CSV, as admin
  const query = `from=${month}&to=${month}`;
  const reportPath = `/api/reports/warranty?${query}`;
  const csvPath = `/api/reports/warranty/tickets.csv?${query}`;
  const get = async (path: string) => {
    const started = performance.now();
    const res = await fetch(base + path, { headers: { cookie } });
    const body = Buffer.from(await res.arrayBuffer());
    return { status: res.status, body, ms: performance.now() - started };
  };
  step(`GET ${reportPath} as ${ADMIN}: 1 warm-up + ${WARRANTY.reportSamples} sequential requests over ${int(finalTickets.length)} tickets…`);
  const warmReport = await get(reportPath);
  if (warmReport.status !== 200) throw new Error(`GET ${reportPath} → ${warmReport.status} ${warmReport.body.toString().slice(0, 300)}`);
  const samples: number[] = [];
  const bytes: number[] = [];
  const perRequest: { month: DynamoCall[]; other: DynamoCall[] }[] = [];
  let answer: { total: number; byStatus: Record<string, number>; bySeverity: Record<string, number> } | undefined;
  for (let i = 0; i < WARRANTY.reportSamples; i++) {
    tap.start();
    const res = await get(reportPath);
    const calls = tap.stop();
    if (res.status !== 200) failures.push(`GET ${reportPath} → ${res.status}`);
    samples.push(res.ms);
    bytes.push(res.body.length);
    perRequest.push({ month: calls.filter((c) => c.byMonth), other: calls.filter((c) => !c.byMonth) });
    answer ??= JSON.parse(res.body.toString("utf8"));
  }
  if (!answer || answer.total < WARRANTY.reportTickets) failures.push(`warranty report counted ${answer?.total} tickets, wanted ≥ ${WARRANTY.reportTickets}`);

  step(`GET ${csvPath} once…`);
  tap.start();
  const csv = await get(csvPath);
  const csvCalls = tap.stop();
  if (csv.status !== 200) failures.push(`GET ${csvPath} → ${csv.status}`);
  const csvRows = csv.body.toString("utf8").split("\r\n").length - 2; // header, trailing newline

  const monthPages = mean(perRequest.map((p) => p.month.length));
  const monthIndexes = [...new Set(perRequest.flatMap((p) => p.month.map((c) => `${c.command} on ${c.index ?? "the table"}`)))];
  const monthMs = perRequest.map((p) => p.month.reduce((a, c) => a + c.ms, 0));
  const allCalls = perRequest.flatMap((p) => [...p.month, ...p.other]);
  const scans = [...allCalls, ...csvCalls].filter((c) => c.command === "Scan").length;
  const otherMix = callMix(
    perRequest.flatMap((p) => p.other),
    perRequest.length,
  );
  const fromLoad = afterLoad - ticketsAtStart;
  const seeded = ticketsAtStart;
  const statusLine = answer
    ? Object.entries(answer.byStatus)
        .filter(([, n]) => n > 0)
        .map(([k, n]) => `${k} ${int(n)}`)
        .join(", ")
    : "?";
  const copiesNote = copies
    ? `${int(copies)} are copies: Ticket.submit managed ${(submitted / Math.max(submitS, 0.001)).toFixed(0)}/s here (≈${(submitCalls.length / perTicket).toFixed(0)} DynamoDB calls and ${mailsPerTicket.toFixed(1)} emails per ticket, all on the one event loop that also runs dynalite), so ${int(WARRANTY.reportTickets)} would take ~${((WARRANTY.reportTickets / Math.max(1, submitted / Math.max(submitS, 0.001))) / 60).toFixed(0)} min; after ${WARRANTY.submitBudgetS} s the rest are copies of the real reported tickets (same stored item with a new ticketID in every key and a BX-…-5xxxxx number; no timers or links), which the report cannot tell apart — BENCH_ALL_SUBMIT=1 uses Ticket.submit for all of them`
    : `no copies: every ticket went through POST /api/public/repair or Ticket.submit`;
  tables.push({
    title: `Warranty report with ${int(answer?.total ?? finalTickets.length)} tickets in one month (signed in as ${ADMIN}, local runtime in-process)`,
    note: [
      `tickets in ${month}: ${int(seeded)} from the demo seed, ${int(fromLoad)} through ${label} above, ${int(submitted)} through Ticket.submit in-process (system actor, ${WARRANTY.concurrency} at a time, ${submitS.toFixed(0)} s), ${int(copies)} copies`,
      copiesNote,
      `then ${dispatch} real tickets dispatched to ${ENGINEER} (Ticket.dispatch), ${arrive} of them arrived (Ticket.arrive) and ${repair} repaired (Ticket.repair); the report counted: ${statusLine}`,
      `each submission also schedules a ${NOTIFY_TIMER} timer 2 minutes out (it sends whatever alerts the request missed); on AWS these fire in the timer Lambda, locally in the runtime's own event loop, so before the report the bench cancelled the ${int(cancelled)} still pending for its ${int(real.length)} real tickets`,
      `the report reads tickets by the byMonth index, no Scan: report.ts → Ticket.queryMonths (ticket.ts) → TicketEntity.query.byMonth, a Query on gsi2 (pk reportedMonth, sk reportedAt + ticketID) with all pages and only the report's attributes; ` +
        `seen here per report request: ${monthPages.toFixed(0)} ${monthIndexes.join(" / ")} calls for ${month}, other calls ${otherMix || "none"} (session + user, approved claims, deposits, projects, and whatever the local timer loop did meanwhile), ${scans} Scan calls in all requests including the CSV`,
      `pages: dynalite ends a Query page at 1 MB of whole items, counted before the projection, so ${int(answer?.total ?? 0)} tickets take ${monthPages.toFixed(0)} sequential pages (≈${int((answer?.total ?? 0) / Math.max(1, monthPages))} tickets each); on DynamoDB too the projection leaves read units unchanged (they follow item size), it only shrinks what is sent back`,
      `of the ${fmtMs(median(samples))} ms p50, the ${month} Query pages took ${fmtMs(median(monthMs))} ms (p50; send → parsed response, measured by a middleware on the core's DynamoDB client); the rest is ElectroDB formatting, the report's loop over ${int(answer?.total ?? 0)} tickets and the JSON response`,
      `p99 = max: ${WARRANTY.reportSamples} samples are too few for a finer tail; the CSV export is measured once (${int(csvRows)} rows, UTF-8 with BOM)`,
    ],
    headers: ["request", "samples", "p50", "mean", "p99 = max", "min", "response", "DynamoDB calls per request"],
    rows: [
      [
        `GET ${reportPath}`,
        samples.length,
        `${fmtMs(median(samples))} ms`,
        `${fmtMs(mean(samples))} ms`,
        `${fmtMs(Math.max(...samples))} ms`,
        `${fmtMs(Math.min(...samples))} ms`,
        kb(median(bytes)),
        callMix(allCalls, perRequest.length),
      ],
      [
        `GET ${csvPath}`,
        1,
        `${fmtMs(csv.ms)} ms`,
        `${fmtMs(csv.ms)} ms`,
        `${fmtMs(csv.ms)} ms`,
        `${fmtMs(csv.ms)} ms`,
        kb(csv.body.length),
        callMix(csvCalls, 1),
      ],
    ],
  });
}

// ───────────────────────────── main ─────────────────────────────

async function main() {
  const started = performance.now();
  const loadAtStart = loadavg()[0]!;
  ensureWeb();
  await lambdas();
  pagesWithRetry();
  const runtime = await startBenchRuntime();
  const cookie = await api(runtime);
  await warranty(runtime, cookie);
  await runtime.stop();

  const cpuList = cpus();
  const machine = `Node ${process.version}, ${platform()}/${arch()}, ${cpuList.length} CPU${cpuList.length === 1 ? "" : "s"} (${cpuList[0]?.model.trim() ?? "unknown"}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM`;
  const date = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  const took = ((performance.now() - started) / 1000).toFixed(0);
  // Other processes on the machine move the figures; say how busy it was.
  const load = `1-min load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end (${cpuList.length} CPUs; includes the bench's own work)`;

  console.log(`\nBenchmarks — ${date}\nMachine: ${machine}\nLoad: ${load}\n`);
  for (const t of tables) console.log(renderText(t) + "\n");
  if (failures.length) console.log(`FAILED:\n${failures.map((f) => `  - ${f}`).join("\n")}\n`);

  const md = [
    "# Benchmarks",
    "",
    "Generated by `npm run bench` (packages/local/bench/run.ts); rerun it to refresh this file. Figures are from one run on the machine below, not a guarantee.",
    "",
    `- Date: ${date}`,
    `- Machine: ${machine}`,
    `- Load: ${load}`,
    `- Run time: ${took} s`,
    ...(failures.length ? ["", "**This run failed:**", "", ...failures.map((f) => `- ${f}`)] : []),
    "",
    ...tables.map(renderMarkdown),
  ].join("\n");
  writeFileSync(docFile, md);
  console.log(`Wrote ${relative(root, docFile)} (${took} s).`);
}

let exitCode = 0;
try {
  await main();
  if (failures.length) exitCode = 1;
} catch (err) {
  console.error("bench failed:", err);
  exitCode = 1;
} finally {
  for (const c of cleanups) {
    try {
      await c();
    } catch (err) {
      console.error("cleanup:", err);
    }
  }
}
process.exit(exitCode);
