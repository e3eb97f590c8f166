import { describe, expect, it } from "vitest";
import { Actor, Claim, Clock, Deposit, Ticket, Timer } from "@aftersales/core";
import { call, mailTo, staff } from "./support";
import { publicCall, repairInput, setupProject, travelToShanghai } from "./warranty-support";

const receipt = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(300, 32)]);

/** A general repair nobody was dispatched to before the agreed deadline: the customer may hire a third party. */
async function overdueGeneralTicket(token: string) {
  travelToShanghai("09:00:00");
  const input = repairInput({ urgency: "general", category: "plumbing" });
  const res = await publicCall("POST", "/api/public/repair", token, input);
  expect(res.status).toBe(201);
  const view = await publicCall("GET", "/api/public/track", res.json.trackingToken);
  Clock.travelTo(new Date(new Date(view.json.ticket.resolveBy).getTime() + 60_000));
  await Timer.sweep();
  return { tracking: res.json.trackingToken as string, number: res.json.number as string, email: input.contact.email as string };
}

async function fileClaim(tracking: string, amountFen: number) {
  const upload = await publicCall("POST", "/api/public/track/uploads", tracking, { fileName: "发票.pdf", contentType: "application/pdf", size: receipt.length });
  expect(upload.status).toBe(201);
  const put = await fetch(upload.json.upload.url, { method: "PUT", headers: upload.json.upload.headers, body: receipt });
  expect(put.status).toBe(200);
  return publicCall("POST", "/api/public/track/claims", tracking, {
    amountFen,
    description: "委托当地水电师傅更换阀门",
    receiptID: upload.json.attachment.attachmentID,
  });
}

describe("third-party repair and the warranty deposit", () => {
  it("a claim is only possible once the agreed deadline passed with nobody dispatched", async () => {
    const { token } = await setupProject();
    const res = await publicCall("POST", "/api/public/repair", token, repairInput({ urgency: "general" }));
    const early = await fileClaim(res.json.trackingToken, 10_000);
    expect(early.status).toBe(409);
    expect(early.json.error.code).toBe("claim.not_allowed");
  });

  it("approved once, deducted once — retried or raced approvals do not deduct twice", async () => {
    const { project, token } = await setupProject({ depositFen: 5_000_000 });
    const { tracking, email } = await overdueGeneralTicket(token);
    const filed = await fileClaim(tracking, 300_000);
    expect(filed.status).toBe(201);
    const [claim] = await Actor.system("test", () => Claim.listByProject(project.projectID));
    const supervisor = await staff(["cs_supervisor"]);
    const head = await staff(["engineering_head"]);
    const [a, b] = await Promise.all([
      call("POST", `/api/claims/${claim!.claimID}/approve`, { cookie: supervisor.cookie, body: { approvedFen: 250_000, note: "按市场价核减" } }),
      call("POST", `/api/claims/${claim!.claimID}/approve`, { cookie: head.cookie, body: { approvedFen: 250_000 } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);

    // The deduction step retried (as its timer would after a crash) changes nothing.
    const approved = (await Claim.fromID(claim!.claimID))!;
    await Claim.applyDeduction(approved);
    await Claim.applyDeduction(approved);
    Clock.advance(5 * 60_000);
    await Timer.sweep();

    const ledger = await call("GET", `/api/projects/${project.projectID}/deposit`, { cookie: (await staff(["finance"])).cookie });
    expect(ledger.status).toBe(200);
    expect(ledger.json.ledger.balanceFen).toBe(4_750_000);
    expect(ledger.json.ledger.entries.filter((e: any) => e.kind === "deduction")).toHaveLength(1);
    expect(ledger.json.claims[0]).toMatchObject({ status: "approved", approvedFen: 250_000, deductedFen: 250_000, shortfallFen: 0 });

    const decided = (await mailTo(email)).filter((m) => m.subject.includes("已认可"));
    expect(decided).toHaveLength(1);
    expect(decided[0]!.body.text).toContain("¥2,500.00");
    const view = await publicCall("GET", "/api/public/track", tracking);
    expect(view.json.claims[0]).toMatchObject({ status: "approved", approvedFen: 250_000 });

    // The approval queue shows the ticket number and a working receipt link.
    const queue = await call("GET", "/api/claims?status=approved", { cookie: supervisor.cookie });
    const listed = queue.json.claims.find((c: any) => c.claimID === claim!.claimID);
    expect(listed.number).toMatch(/^BX-/);
    expect(Buffer.from(await (await fetch(listed.receiptURL)).arrayBuffer()).equals(receipt)).toBe(true);
  });

  it("two claims that together exceed the balance cannot both be deducted in full; the balance never goes below zero", async () => {
    const { project, token } = await setupProject({ depositFen: 1_000_000 });
    const first = await overdueGeneralTicket(token);
    const second = await overdueGeneralTicket(token);
    expect((await fileClaim(first.tracking, 600_000)).status).toBe(201);
    expect((await fileClaim(second.tracking, 600_000)).status).toBe(201);
    const claims = await Actor.system("test", () => Claim.listByProject(project.projectID));
    expect(claims).toHaveLength(2);
    const supervisor = await staff(["cs_supervisor"]);
    const results = await Promise.all(
      claims.map((c) => call("POST", `/api/claims/${c.claimID}/approve`, { cookie: supervisor.cookie, body: { approvedFen: 600_000 } })),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    const ledger = (await Actor.system("test", () => Deposit.fromProject(project.projectID)))!;
    expect(ledger.balanceFen).toBe(0);
    expect(ledger.deductedFen).toBe(1_000_000);
    const settled = await Actor.system("test", () => Claim.listByProject(project.projectID));
    expect(settled.map((c) => c.deductedFen).sort()).toEqual([400_000, 600_000]);
    expect(settled.map((c) => c.shortfallFen).sort()).toEqual([0, 200_000]);
    expect(ledger.entries.every((e) => e.balanceAfterFen >= 0)).toBe(true);
  });

  it("a rejection needs a reason, reaches the customer, and deducts nothing", async () => {
    const { project, token } = await setupProject({ depositFen: 500_000 });
    const { tracking, email } = await overdueGeneralTicket(token);
    await fileClaim(tracking, 100_000);
    const [claim] = await Actor.system("test", () => Claim.listByProject(project.projectID));
    const supervisor = await staff(["cs_supervisor"]);
    const noReason = await call("POST", `/api/claims/${claim!.claimID}/reject`, { cookie: supervisor.cookie, body: {} });
    expect(noReason.status).toBe(400);
    expect(noReason.json.error.fields[0].field).toBe("reason");
    const tooMuch = await call("POST", `/api/claims/${claim!.claimID}/approve`, { cookie: supervisor.cookie, body: { approvedFen: 100_001 } });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.json.error.fields[0].field).toBe("approvedFen");
    const rejected = await call("POST", `/api/claims/${claim!.claimID}/reject`, { cookie: supervisor.cookie, body: { reason: "未提供有效发票" } });
    expect(rejected.status).toBe(200);
    expect((await mailTo(email)).some((m) => m.subject.includes("未获认可"))).toBe(true);
    const ledger = (await Actor.system("test", () => Deposit.fromProject(project.projectID)))!;
    expect(ledger.balanceFen).toBe(500_000);
  });

  it("the deposit is released at the end of the defects-liability period, once", async () => {
    const finance = await staff(["finance"]);
    // Accepted 24 months ago minus two days: the release falls due in two days.
    const accepted = new Date(Clock.now());
    accepted.setUTCMonth(accepted.getUTCMonth() - 24);
    const { project } = await setupProject({ depositFen: 800_000, completionAcceptedOn: Clock.shanghaiDate(Clock.addDays(accepted, 2)) });
    expect((await Actor.system("test", () => Deposit.fromProject(project.projectID)))!.status).toBe("held");
    Clock.advance(4 * 24 * 3600_000);
    await Timer.sweep();
    await Timer.sweep();
    const ledger = (await Actor.system("test", () => Deposit.fromProject(project.projectID)))!;
    expect(ledger.status).toBe("released");
    expect(ledger.entries.filter((e) => e.kind === "release")).toMatchObject([{ amountFen: 800_000, balanceAfterFen: 0 }]);
    expect((await mailTo(finance.user.email)).filter((m) => m.subject.includes("保修金到期释放"))).toHaveLength(1);
  });
});

describe("free follow-up service after the customer starts using the building", () => {
  it("plans visits for three months from the in-use date, with a reminder the day before", async () => {
    const engineer = await staff(["after_sales"]);
    const inUse = Clock.shanghaiDate(Clock.addDays(Clock.now(), 1));
    const { project } = await setupProject();
    const { Project } = await import("@aftersales/core");
    await Actor.system("test", () => Project.update({ projectID: project.projectID, inUseSince: inUse } as any));
    const list = await call("GET", `/api/projects/${project.projectID}/followups`, { cookie: engineer.cookie });
    expect(list.status).toBe(200);
    const dates = list.json.followUps.map((f: any) => f.dueOn);
    expect(dates.length).toBe(3); // every 30 days within 3 months
    expect(dates[0]).toBe(Clock.shanghaiDate(Clock.addDays(Clock.fromShanghai(inUse, "12:00:00"), 30)));
    Clock.travelTo(Clock.fromShanghai(dates[0], "09:00:00"));
    await Timer.sweep();
    const reminders = (await mailTo(engineer.user.email)).filter((m) => m.subject.startsWith("【跟踪服务】"));
    expect(reminders).toHaveLength(1);
    const fresh = await staff(["after_sales"]);
    const done = await call("POST", "/api/followups/complete", { cookie: fresh.cookie, body: { projectID: project.projectID, dueOn: dates[0], notes: "系统运行正常，已对物业人员进行操作培训" } });
    expect(done.status).toBe(200);
    expect(done.json.followUp.status).toBe("done");
    const again = await call("POST", "/api/followups/complete", { cookie: fresh.cookie, body: { projectID: project.projectID, dueOn: dates[0], notes: "x" } });
    expect(again.status).toBe(409);
  });
});

describe("the warranty report", () => {
  it("counts severities, the 48-hour share, the same-day rate, breaches, escalations and deductions; exports CSV", async () => {
    const { token } = await setupProject({ name: "报表测试项目" });
    travelToShanghai("08:00:00");
    const head = await staff(["engineering_head"]);
    const engineer = await staff(["after_sales"]);
    const submit = async (urgency: string) => {
      const res = await publicCall("POST", "/api/public/repair", token, repairInput({ urgency }));
      const [t] = (await Actor.system("test", () => Ticket.listByStatus(["reported"]))).filter((x) => x.number === res.json.number);
      return t!.ticketID;
    };
    const fix = async (id: string) => {
      await call("POST", `/api/tickets/${id}/dispatch`, { cookie: head.cookie, body: { engineerID: engineer.user.userID } });
      await call("POST", `/api/tickets/${id}/arrive`, { cookie: engineer.cookie, body: {} });
      await call("POST", `/api/tickets/${id}/repair`, { cookie: engineer.cookie, body: { note: "已处理" } });
    };
    const e1 = await submit("emergency");
    await submit("emergency");
    const s1 = await submit("small");
    await fix(e1);
    await fix(s1);
    const month = Clock.shanghaiDate().slice(0, 7);
    const report = await call("GET", `/api/reports/warranty?from=${month}&to=${month}`, { cookie: head.cookie });
    expect(report.status).toBe(200);
    expect(report.json.bySeverity.emergency).toBeGreaterThanOrEqual(2);
    expect(report.json.emergency.onSiteWithin48h).toBeGreaterThanOrEqual(1);
    // The second emergency is still inside its 48 hours: not yet judged either way.
    expect(report.json.emergency.judged).toBe(report.json.emergency.total - 1);
    expect(report.json.emergency.share).toBe(1);
    expect(report.json.small.sameDay).toBeGreaterThanOrEqual(1);
    expect(report.json.bySeverityStatus.emergency.repaired).toBeGreaterThanOrEqual(1);
    expect(report.json.bySeverityStatus.emergency.reported).toBeGreaterThanOrEqual(1);
    expect(report.json.deposits.map((d: any) => d.projectName)).toContain("报表测试项目");

    const csv = await (await import("../src/api/app")).app.request(`/api/reports/warranty/tickets.csv?from=${month}&to=${month}`, {
      headers: { cookie: head.cookie },
    });
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM, so Excel reads UTF-8
    const text = bytes.toString("utf8");
    expect(text).toContain("报表测试项目");
    expect(text.split("\r\n")[0]).toContain("工单号 Number");

    const bad = await call("GET", `/api/reports/warranty?from=2026-13`, { cookie: head.cookie });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields[0].field).toBe("from");
  });
});
