// Report the JavaScript each built page ships: external module scripts, island component/renderer
// URLs and everything they import (followed transitively), plus inline <script> bytes.
// Usage: node scripts/js-size.mjs   (after `astro build`)
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, dirname, resolve, posix } from "node:path";
import { gzipSync } from "node:zlib";

const dist = resolve(dirname(new URL(import.meta.url).pathname), "../dist");
const pages = [];
(function walk(d) {
  for (const f of readdirSync(d)) {
    const p = join(d, f);
    if (statSync(p).isDirectory()) walk(p);
    else if (f.endsWith(".html")) pages.push(p);
  }
})(dist);

function closure(url, seen) {
  if (seen.has(url)) return;
  seen.add(url);
  const src = readFileSync(join(dist, url), "utf8");
  for (const m of src.matchAll(/(?:import|export)\s*(?:[^"'()]*?from\s*)?["']([^"']+\.js)["']|import\(["']([^"']+\.js)["']\)/g)) {
    const spec = m[1] || m[2];
    closure(spec.startsWith("/") ? spec : posix.join(posix.dirname(url), spec), seen);
  }
}

const rows = [];
for (const page of pages.sort()) {
  const html = readFileSync(page, "utf8");
  const seen = new Set();
  for (const m of html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)) closure(m[1], seen);
  for (const m of html.matchAll(/(?:component-url|renderer-url)="([^"]+)"/g)) closure(m[1], seen);
  let inline = "";
  for (const m of html.matchAll(/<script(?![^>]*\ssrc=)(?![^>]*type="application\/json")[^>]*>([\s\S]*?)<\/script>/g)) inline += m[1];
  const ext = [...seen].map((u) => readFileSync(join(dist, u)));
  const extBytes = ext.reduce((a, b) => a + b.length, 0);
  const extGz = ext.reduce((a, b) => a + gzipSync(b).length, 0);
  const inl = Buffer.from(inline);
  rows.push({
    page: "/" + relative(dist, page),
    files: seen.size,
    external: extBytes,
    externalGzip: extGz,
    inline: inl.length,
    total: extBytes + inl.length,
  });
}
console.table(rows);
