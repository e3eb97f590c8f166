import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createServer } from "node:net";
import { chromium, type Browser } from "playwright-core";
import { startRuntime, type Runtime } from "../../packages/local/src/runtime";

/** Flags that keep Chromium quiet on a machine with no internet (see RECIPES.md). */
export const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

async function freePort(): Promise<number> {
  // The runtime uses PORT..PORT+3; find a base whose block is free.
  for (;;) {
    const base = 20000 + Math.floor(Math.random() * 30000);
    const ok = await Promise.all([0, 1, 2, 3].map((i) => canListen(base + i)));
    if (ok.every(Boolean)) return base;
  }
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once("error", () => resolve(false));
    s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
  });
}

export async function startSystem(): Promise<{ runtime: Runtime; browser: Browser; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), "aftersales-e2e-"));
  // Serve a private copy of the built site, so a rebuild running meanwhile cannot pull files away.
  const webDir = join(dataDir, "web");
  cpSync(fileURLToPath(new URL("../dist", import.meta.url)), webDir, { recursive: true });
  const runtime = await startRuntime({
    dataDir,
    port: await freePort(),
    webDir,
    timerIntervalMs: 500,
  });
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: chromiumArgs });
  return {
    runtime,
    browser,
    async stop() {
      await browser.close();
      await runtime.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The newest sign-in code in the SES emulator's mailbox for `email`. */
export async function codeFromMailbox(runtime: Runtime, email: string): Promise<string> {
  for (let i = 0; i < 40; i++) {
    const { emails } = (await (await fetch(`${runtime.mailboxURL}store`)).json()) as any;
    const mine = (emails as any[]).filter((e) => e.destination.to.includes(email) && /\d{6}/.test(e.subject));
    if (mine.length) return mine.at(-1).subject.match(/\d{6}/)[0];
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no code mailed to ${email}`);
}

/** Opens a page and waits until its islands have hydrated (Astro drops `ssr` from each island). */
export async function open(page: import("playwright-core").Page, url: string) {
  await page.goto(url);
  await page.waitForFunction(() => !document.querySelector("astro-island[ssr]"));
}
