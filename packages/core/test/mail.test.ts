import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { Mail } from "../src/index";
import { mailTo, uniqueEmail } from "./support";

describe("mail through the SES v2 API (emulator)", () => {
  it("sends Chinese first, English on request, HTML-escaped", async () => {
    const zh = uniqueEmail("zh");
    const en = uniqueEmail("en");
    await Mail.send({ to: zh, template: "reminder.generic", data: { title: "截止提醒", body: "<b>维修</b> 即将到期", dueAt: "2026-03-10T15:30:00Z" } });
    await Mail.send({ to: en, locale: "en", template: "reminder.generic", data: { title: "Deadline", body: "Due soon", dueAt: "2026-03-10T15:30:00Z" } });
    const [zhMail] = await mailTo(zh);
    expect(zhMail!.subject).toBe("截止提醒");
    expect(zhMail!.from).toBe("noreply@aftersales.local");
    expect(zhMail!.body.text).toContain("截止时间：");
    expect(zhMail!.body.text).toContain("23:30");
    expect(zhMail!.body.html).toContain("&lt;b&gt;维修&lt;/b&gt;");
    expect(zhMail!.body.html).not.toContain("<b>维修</b>");
    const [enMail] = await mailTo(en);
    expect(enMail!.body.text).toContain("Due: ");
    expect(enMail!.body.text).toContain("(China time)");
  });

  it("sends once per idempotency key, even when asked concurrently", async () => {
    const to = uniqueEmail("once");
    const key = `test:${randomBytes(6).toString("hex")}`;
    const results = await Promise.all(
      [1, 2, 3].map(() => Mail.send({ to, template: "reminder.generic", data: { title: "一次", body: "x" }, idempotencyKey: key })),
    );
    expect(results.filter((r) => r.sent)).toHaveLength(1);
    expect(await mailTo(to)).toHaveLength(1);
    expect(await Mail.status(key)).toBe("sent");
  });
});
