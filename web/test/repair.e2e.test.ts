import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeFromMailbox, open, startSystem } from "./browser";

let system: Awaited<ReturnType<typeof startSystem>>;

beforeAll(async () => {
  system = await startSystem();
});
afterAll(async () => {
  await system?.stop();
});

/** A tiny valid PNG (1×1), as a phone camera would hand over a photo. */
const png = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" + "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
  "hex",
);

async function signIn(context: import("playwright-core").BrowserContext, email: string) {
  const page = await context.newPage();
  await open(page, `${system.runtime.url}/signin/`);
  await page.fill("#email", email);
  await page.click("#send-code");
  await page.waitForSelector("#code");
  await page.fill("#code", await codeFromMailbox(system.runtime, email));
  await page.click("#verify");
  await page.waitForURL(/\/portal\/$/);
  return page;
}

describe("repair by link, end to end, at phone size", () => {
  it("a customer reports an emergency with a photo; the engineer records arrival and repair; the customer accepts and rates it", async () => {
    const { runtime, browser } = system;
    const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

    // Customer service prints the project's repair link (the demo seed created the project and its link).
    const staff = await browser.newContext(phone);
    const cs = await signIn(staff, "cs@demo.local");
    await open(cs, `${runtime.url}/portal/projects/`);
    await cs.waitForSelector("[data-project-id]");
    const projectID = await cs.getAttribute("#project-list [data-project-id]:has-text('华夏中心')", "data-project-id");
    expect(projectID).toBeTruthy();
    await open(cs, `${runtime.url}/portal/projects/detail/?id=${projectID}`);
    await cs.waitForSelector("#repair-link-url");
    const repairURL = ((await cs.textContent("#repair-link-url")) ?? (await cs.inputValue("#repair-link-url").catch(() => ""))).trim();
    expect(repairURL).toContain("/repair/#");
    expect(await cs.locator("#repair-link-qr svg").count()).toBe(1);
    await staff.close();

    // The customer, on a phone, with no account.
    const customer = await browser.newContext(phone);
    const page = await customer.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await open(page, repairURL);
    await page.waitForSelector("#repair-form");
    expect(await page.textContent("body")).toContain("华夏中心机电安装工程");
    await page.fill("#description", "地下车库消防喷淋管爆裂，大量漏水");
    await page.fill("#location", "B2 车库 C 区");
    await page.selectOption("#category", "plumbing");
    await page.locator("input[name=urgency][value=emergency]").check({ force: true });
    await page.setInputFiles("#photos", { name: "burst.png", mimeType: "image/png", buffer: png });
    await page.waitForSelector(".photo-thumb");
    await page.fill("#contact-name", "林师傅");
    await page.fill("#contact-phone", "13902220003");
    const customerEmail = `lin.${Date.now()}@example.test`;
    await page.fill("#contact-email", customerEmail);
    await page.click("#submit-repair");
    await page.waitForSelector("#ticket-number");
    const number = (await page.textContent("#ticket-number"))!.trim();
    expect(number).toMatch(/^BX-\d{4}-\d{6}$/);
    const trackingURL = (await page.getAttribute("#tracking-link", "href"))!;
    expect(trackingURL).toContain("/track/#");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // The confirmation email carries the same private tracking link.
    const { emails } = (await (await fetch(`${runtime.mailboxURL}store`)).json()) as any;
    const confirmation = emails.find((e: any) => e.destination.to.includes(customerEmail));
    expect(confirmation.subject).toBe(`报修已受理：${number}`);

    // The engineer, on a phone too: dispatched by the head of engineering, then on site, then repaired.
    const head = await browser.newContext(phone);
    const headPage = await signIn(head, "eng-head@demo.local");
    await open(headPage, `${runtime.url}/portal/warranty/`);
    await headPage.waitForSelector(`[data-number="${number}"]`);
    const ticketID = await headPage.getAttribute(`[data-number="${number}"]`, "data-ticket-id");
    await open(headPage, `${runtime.url}/portal/warranty/ticket/?id=${ticketID}`);
    await headPage.waitForSelector("#action-dispatch");
    await headPage.click("#action-dispatch");
    await headPage.selectOption("#dispatch-engineer", { label: "赵工" });
    await headPage.click("#dispatch-submit");
    await expect.poll(() => headPage.getAttribute("#ticket-status", "data-status")).toBe("dispatched");
    await head.close();

    const engineer = await browser.newContext(phone);
    const engPage = await signIn(engineer, "engineer@demo.local");
    await open(engPage, `${runtime.url}/portal/warranty/ticket/?id=${ticketID}`);
    await engPage.waitForSelector("#action-arrive");
    await engPage.click("#action-arrive");
    if (await engPage.locator("#arrive-submit").count()) await engPage.click("#arrive-submit");
    await expect.poll(() => engPage.getAttribute("#ticket-status", "data-status")).toBe("on_site");
    await engPage.click("#action-repair");
    await engPage.fill("#repair-note", "更换爆裂管段及两只卡箍，试压合格");
    await engPage.fill("#repair-team", "给排水一班");
    await engPage.click("#repair-submit");
    await expect.poll(() => engPage.getAttribute("#ticket-status", "data-status")).toBe("repaired");
    expect(await engPage.textContent("#history")).toBeTruthy();
    await engineer.close();

    // Back to the customer: the tracking page asks for acceptance; five stars.
    await open(page, trackingURL);
    await expect.poll(() => page.getAttribute("#ticket-status", "data-status")).toBe("repaired");
    await page.click("label[for=rating-5]");
    await page.fill("#accept-comment", "响应及时，处理专业");
    await page.click("#accept-submit");
    await expect.poll(() => page.getAttribute("#ticket-status", "data-status")).toBe("accepted");
    expect(await page.textContent("body")).toContain("响应及时，处理专业");
    expect(errors).toEqual([]);
    await customer.close();
  });

  it("a revoked or made-up link shows a clear message and no form", async () => {
    const context = await system.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await open(page, `${system.runtime.url}/repair/#${"x".repeat(43)}`);
    await page.waitForSelector("#link-invalid");
    expect(await page.locator("#repair-form").count()).toBe(0);
    await context.close();
  });
});

describe("every staff page renders in both languages", () => {
  it("shows translated text (no raw dictionary keys) on each page, for an admin", async () => {
    const context = await system.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await signIn(context, "admin@demo.local");
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await open(page, `${system.runtime.url}/portal/projects/`);
    await page.waitForSelector("[data-project-id]");
    const projectID = await page.getAttribute("[data-project-id]", "data-project-id");
    const paths = [
      "/portal/",
      "/portal/warranty/",
      "/portal/warranty/claims/",
      "/portal/warranty/followups/",
      `/portal/warranty/deposit/?projectID=${projectID}`,
      "/portal/reports/",
      "/portal/customers/",
      "/portal/projects/",
      `/portal/projects/detail/?id=${projectID}`,
      "/portal/settings/",
      "/portal/users/",
    ];
    for (const lang of ["", "/en"]) {
      for (const path of paths) {
        await open(page, `${system.runtime.url}${lang}${path}`);
        await page.waitForLoadState("networkidle");
        const text = await page.evaluate(() => document.body.innerText);
        expect(text.match(/\b(tickets|report|customers|projects|settings|public|area|nav)\.[a-zA-Z][\w.]*/g), `${lang}${path}`).toBeNull();
        expect(await page.getAttribute("html", "lang")).toBe(lang ? "en" : "zh-CN");
      }
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});
