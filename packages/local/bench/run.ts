/**
 * `npm run bench`: the figures that matter for cold starts and page weight, printed as tables and
 * written to docs/benchmarks.md.
 *
 *  1. Per-Lambda bundle size (esbuild the way SST v2 bundles an ESM nodejs22.x function, minified).
 *  2. Cold import time of each bundle in a fresh `node` process (median of several).
 *  3. API latency under load (autocannon) against the real local runtime, anonymous and signed in.
 *  4. JavaScript shipped per built page of the site (external + island + inline, raw and gzip).
 *
 * Everything runs on this machine against temp dirs and free ports; it exits non-zero on failure.
 */
import autocannon, { type Result } from "autocannon";
import { build, stop as stopEsbuild, type Metafile } from "esbuild";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { cpus, platform, arch, tmpdir, totalmem } from "node:os";
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
      '"unminified" = what the current stacks deploy: SST v2 minifies only with `nodejs.minify`, and its ESM target is esnext',
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
      "/api/health touches no storage; /api/me verifies the session JWT, then reads the session and the user from dynalite (and the user again in the route) on every request",
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
  tables.push({
    title: "JavaScript per page (web/dist)",
    note: [
      "bytes; external = <script src> files + <astro-island> component-url/renderer-url + everything they import statically (dist/_astro)",
      "inline = inline <script> bodies (JSON data scripts excluded); total gzip = each file gzipped on its own (level 6) + the inline code gzipped",
      `lazy = reachable only through dynamic import(), not loaded up front; web/dist built ${built}`,
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

// ───────────────────────────── main ─────────────────────────────

async function main() {
  const started = performance.now();
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

  console.log(`\nBenchmarks — ${date}\nMachine: ${machine}\n`);
  for (const t of tables) console.log(renderText(t) + "\n");
  if (failures.length) console.log(`FAILED:\n${failures.map((f) => `  - ${f}`).join("\n")}\n`);

  const md = [
    "# Benchmarks",
    "",
    "Generated by `npm run bench` (packages/local/bench/run.ts); rerun it to refresh this file. Figures are from one run on the machine below, not a guarantee.",
    "",
    `- Date: ${date}`,
    `- Machine: ${machine}`,
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
