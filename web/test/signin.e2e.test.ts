import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeFromMailbox, open, startSystem } from "./browser";

let system: Awaited<ReturnType<typeof startSystem>>;

beforeAll(async () => {
  system = await startSystem();
});
afterAll(async () => {
  await system?.stop();
});

describe("staff sign-in in a real browser", () => {
  it("signs in with the code from the mailbox, switches language, signs out (phone size)", async () => {
    const { runtime, browser } = system;
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));

    await page.goto(`${runtime.url}/`);
    await page.waitForURL(/\/signin\/?/);
    await page.waitForFunction(() => !document.querySelector("astro-island[ssr]"));
    expect(await page.getAttribute("html", "lang")).toBe("zh-CN");

    await page.fill("#email", "admin@demo.local");
    await page.click("#send-code");
    await page.waitForSelector("#code");
    const code = await codeFromMailbox(runtime, "admin@demo.local");
    await page.fill("#code", code);
    await page.click("#verify");

    await page.waitForURL(/\/portal\/?$/);
    await expect.poll(() => page.textContent("body")).toContain("张管理");
    expect(await page.textContent("body")).toContain("用户管理");

    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === "session")!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe("Lax");
    expect(await page.evaluate(() => document.cookie)).not.toContain("session=");

    // Nothing overflows sideways on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await page.click("#lang-switch");
    await page.waitForURL(/\/en\/portal\/?$/);
    expect(await page.getAttribute("html", "lang")).toBe("en");
    await expect.poll(() => page.textContent("body")).toContain("Users");

    await page.click("#signout");
    await page.waitForURL(/\/signin\/?/);
    const me = await page.evaluate(async () => (await fetch("/api/me")).status);
    expect(me).toBe(401);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a wrong code shows a clear error and no session", async () => {
    const { runtime, browser } = system;
    const context = await browser.newContext();
    const page = await context.newPage();
    await open(page, `${runtime.url}/signin/`);
    await page.fill("#email", "finance@demo.local");
    await page.click("#send-code");
    await page.waitForSelector("#code");
    const code = await codeFromMailbox(runtime, "finance@demo.local");
    await page.fill("#code", code === "000000" ? "111111" : "000000");
    await page.click("#verify");
    await expect.poll(() => page.textContent("#signin-error")).toContain("验证码");
    expect((await context.cookies()).some((c) => c.name === "session")).toBe(false);
    await context.close();
  });

  it("an admin invites a colleague from the users page", async () => {
    const { runtime, browser } = system;
    const context = await browser.newContext();
    const page = await context.newPage();
    await open(page, `${runtime.url}/signin/`);
    await page.fill("#email", "admin@demo.local");
    await page.click("#send-code");
    await page.waitForSelector("#code");
    await page.fill("#code", await codeFromMailbox(runtime, "admin@demo.local"));
    await page.click("#verify");
    await page.waitForURL(/\/portal\/?$/);

    await open(page, `${runtime.url}/portal/users/`);
    const email = `new.${Date.now()}@example.test`;
    await page.fill("#invite-email", email);
    await page.fill("#invite-name", "新同事");
    await page.check("input[name=role][value=after_sales]");
    await page.click("#invite-submit");
    await expect.poll(() => page.textContent("body")).toContain(email);
    const { emails } = (await (await fetch(`${runtime.mailboxURL}store`)).json()) as any;
    expect(emails.some((e: any) => e.destination.to.includes(email) && e.subject.includes("受邀"))).toBe(true);
    await context.close();
  });
});
