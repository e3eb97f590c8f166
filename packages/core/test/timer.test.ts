import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { Clock, Mail, Timer } from "../src/index";
import { scheduleRequest } from "../src/timer";
import { asSystem, mailTo, uniqueEmail } from "./support";

const ref = () => `test#${randomBytes(6).toString("hex")}`;

afterEach(() => {
  // Tests move the clock forward only; each test computes times from Clock.now().
});

describe("durable timers", () => {
  it("fires once when delivered twice, and the email is sent once", async () => {
    const to = uniqueEmail("timer");
    const timer = await asSystem(() =>
      Mail.sendAt(
        Clock.addMinutes(Clock.now(), 30),
        { to, template: "reminder.generic", data: { title: "提醒：测试", body: "一次且仅一次" } },
        ref(),
      ),
    );
    expect(await Timer.fire(timer.timerID)).toBe("not_due");
    Clock.advance(31 * 60_000);
    const results = await Promise.all([Timer.fire(timer.timerID), Timer.fire(timer.timerID)]);
    expect(results.sort()).toEqual(["fired", "skipped"]);
    expect(await Timer.fire(timer.timerID)).toBe("skipped");
    const mail = await mailTo(to);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toBe("提醒：测试");
    expect((await Timer.fromID(timer.timerID))?.status).toBe("fired");
  });

  it("a cancelled timer never fires", async () => {
    const to = uniqueEmail("cancel");
    const r = ref();
    const timer = await Mail.sendAt(Clock.addMinutes(Clock.now(), 5), { to, template: "reminder.generic", data: { title: "不应发送", body: "x" } }, r);
    expect(await Timer.cancelByRef(r)).toBe(1);
    Clock.advance(10 * 60_000);
    expect(await Timer.fire(timer.timerID)).toBe("skipped");
    await Timer.sweep();
    expect(await mailTo(to)).toHaveLength(0);
    expect((await Timer.fromID(timer.timerID))?.status).toBe("cancelled");
  });

  it("the sweep fires every due timer that nobody delivered", async () => {
    const to = uniqueEmail("sweep");
    const timer = await Mail.sendAt(Clock.addMinutes(Clock.now(), 1), { to, template: "reminder.generic", data: { title: "补发", body: "x" } }, ref());
    Clock.advance(2 * 60_000);
    await Timer.sweep();
    expect((await Timer.fromID(timer.timerID))?.status).toBe("fired");
    expect(await mailTo(to)).toHaveLength(1);
  });

  it("scheduling with the same key twice creates one timer", async () => {
    const key = `key-${randomBytes(6).toString("hex")}`;
    const r = ref();
    const due = Clock.addHours(Clock.now(), 1);
    const a = await Timer.create({ kind: "mail.send", ref: r, dueAt: due, key, payload: {} });
    const b = await Timer.create({ kind: "mail.send", ref: r, dueAt: due, key, payload: {} });
    expect(a.timerID).toBe(b.timerID);
    expect(await Timer.listByRef(r)).toHaveLength(1);
  });

  it("a failing handler is retried with back-off, not lost", async () => {
    let calls = 0;
    Timer.handle("test.flaky", async () => {
      calls++;
      if (calls === 1) throw new Error("transient");
    });
    const timer = await Timer.create({ kind: "test.flaky", ref: ref(), dueAt: Clock.now() });
    expect(await Timer.fire(timer.timerID)).toBe("retry");
    expect((await Timer.fromID(timer.timerID))?.status).toBe("pending");
    Clock.advance(5 * 60_000);
    expect(await Timer.fire(timer.timerID)).toBe("fired");
    expect(calls).toBe(2);
  });

  it("builds a one-time EventBridge schedule in Shanghai time that deletes itself", () => {
    const request = scheduleRequest(
      { timerID: "t1", dueAt: "2030-01-01T15:30:00.000Z" },
      { group: "g", functionArn: "arn:fn", roleArn: "arn:role", dlqArn: "arn:dlq" },
    );
    expect(request.ScheduleExpression).toBe("at(2030-01-01T23:30:00)");
    expect(request.ScheduleExpressionTimezone).toBe("Asia/Shanghai");
    expect(request.ActionAfterCompletion).toBe("DELETE");
    expect(request.Target).toMatchObject({ Arn: "arn:fn", RoleArn: "arn:role", DeadLetterConfig: { Arn: "arn:dlq" } });
    expect(JSON.parse(request.Target!.Input!)).toEqual({ timerID: "t1" });
    const late = scheduleRequest({ timerID: "t2", dueAt: "2030-01-01T15:30:20.000Z" }, { group: "g", functionArn: "f", roleArn: "r", dlqArn: "d" });
    expect(late.ScheduleExpression).toBe("at(2030-01-01T23:31:00)");
  });
});
