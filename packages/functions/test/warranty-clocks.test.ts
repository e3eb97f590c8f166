import { describe, expect, it } from "vitest";
import { Actor, Clock, Ticket, Timer } from "@aftersales/core";
import { call, mailTo, staff } from "./support";
import { escalationTeam, publicCall, repairInput, setupProject, travelToShanghai } from "./warranty-support";

const escalated = async (email: string, number?: string) =>
  (await mailTo(email)).filter((m) => m.subject.includes("超时升级") && (!number || m.subject.includes(number)));
const HOUR = 3600_000;

async function sweep() {
  await Timer.sweep();
  await Timer.sweep();
}

describe("repair clocks, escalation and deadlines (Asia/Shanghai)", () => {
  it("an emergency reported at 23:30 with nobody on site escalates at the 48-hour mark, not before, level by level, once each", async () => {
    const team = await escalationTeam();
    const { token } = await setupProject();
    travelToShanghai("23:30:00");
    const input = repairInput();
    const submitted = await publicCall("POST", "/api/public/repair", token, input);
    expect(submitted.status).toBe(201);
    expect(submitted.json.number).toMatch(/^BX-\d{4}-\d{6}$/);

    const [ticket] = await Actor.system("test", () => Ticket.listByStatus(["reported"]));
    const reportedAt = new Date(ticket!.reportedAt);
    expect(Clock.shanghaiWallClock(reportedAt).slice(11, 16)).toBe("23:30");
    expect(ticket!.arriveBy).toBe(new Date(reportedAt.getTime() + 48 * HOUR).toISOString());

    // The customer got a confirmation with the deadline; after-sales and (for an emergency) the head were alerted.
    const confirmation = await mailTo(input.contact.email);
    expect(confirmation.map((m) => m.subject)).toEqual([`报修已受理：${submitted.json.number}`]);
    expect(confirmation[0]!.body.text).toContain("/track/#");
    expect((await mailTo(team.engineer.user.email)).some((m) => m.subject.startsWith("【新报修·紧急抢修】"))).toBe(true);
    expect((await mailTo(team.head.user.email)).some((m) => m.subject.startsWith("【新报修·紧急抢修】"))).toBe(true);

    Clock.travelTo(new Date(reportedAt.getTime() + 48 * HOUR - 60_000));
    await sweep();
    expect(await escalated(team.engineer.user.email)).toHaveLength(0);

    Clock.travelTo(new Date(reportedAt.getTime() + 48 * HOUR + 60_000));
    await sweep();
    expect(await escalated(team.engineer.user.email)).toHaveLength(1);
    expect(await escalated(team.head.user.email)).toHaveLength(0);
    let current = (await Actor.system("test", () => Ticket.get(ticket!.ticketID)))!;
    expect(current.escalations.map((e) => e.level)).toEqual([1]);
    expect(current.breaches).toMatchObject([{ kind: "arrival", deadline: ticket!.arriveBy }]);

    // A duplicate delivery of the level-1 timer sends nothing.
    const level1 = (await Timer.listByRef(`ticket#${ticket!.ticketID}`)).find((t) => t.kind === "ticket.escalate" && t.payload.level === 1)!;
    expect(await Timer.fire(level1.timerID)).toBe("skipped");
    expect(await escalated(team.engineer.user.email)).toHaveLength(1);

    Clock.advance(4 * HOUR);
    await sweep();
    expect(await escalated(team.head.user.email)).toHaveLength(1);
    expect(await escalated(team.gm.user.email)).toHaveLength(0);

    Clock.advance(4 * HOUR);
    await sweep();
    expect(await escalated(team.gm.user.email)).toHaveLength(1);
    expect((await escalated(team.gm.user.email))[0]!.subject).toContain("第3级");
    current = (await Actor.system("test", () => Ticket.get(ticket!.ticketID)))!;
    expect(current.escalations.map((e) => [e.level, e.role])).toEqual([
      [1, "after_sales"],
      [2, "engineering_head"],
      [3, "general_manager"],
    ]);
    expect(current.history.filter((h) => h.action === "ticket.escalated")).toHaveLength(3);
    // Nothing more after the last level, and no duplicates.
    Clock.advance(24 * HOUR);
    await sweep();
    expect(await escalated(team.engineer.user.email)).toHaveLength(1);
    expect(await escalated(team.head.user.email)).toHaveLength(1);
    expect(await escalated(team.gm.user.email)).toHaveLength(1);
  });

  it("the alert timer scheduled before the ticket was written sends nothing twice", async () => {
    const { engineer } = await escalationTeam();
    const { token } = await setupProject();
    const input = repairInput({ urgency: "general" });
    const res = await publicCall("POST", "/api/public/repair", token, input);
    const alerts = async () => (await mailTo(engineer.user.email)).filter((m) => m.subject.includes(res.json.number) && m.subject.startsWith("【新报修"));
    expect(await alerts()).toHaveLength(1);
    Clock.advance(3 * 60_000);
    await sweep();
    const [ticket] = (await Actor.system("test", () => Ticket.listByStatus(["reported"]))).filter((t) => t.number === res.json.number);
    const notify = (await Timer.listByRef(`ticket#${ticket!.ticketID}`)).find((t) => t.kind === "ticket.notify_reported")!;
    expect(notify.status).toBe("fired");
    expect(await alerts()).toHaveLength(1);
    expect(await mailTo(input.contact.email as string)).toHaveLength(1);
  });

  it("a small issue reported at 23:30 is due at 23:59:59 that same Shanghai day", async () => {
    const { token } = await setupProject();
    const reportedAt = travelToShanghai("23:30:00");
    const res = await publicCall("POST", "/api/public/repair", token, repairInput({ urgency: "small", category: "electrical" }));
    expect(res.status).toBe(201);
    const view = await publicCall("GET", "/api/public/track", res.json.trackingToken);
    expect(view.json.ticket.resolveBy).toBe(Clock.fromShanghai(Clock.shanghaiDate(reportedAt), "23:59:59.999").toISOString());
    expect(Clock.shanghaiWallClock(new Date(view.json.ticket.resolveBy))).toMatch(/T23:59:59$/);
    expect(view.json.ticket.arriveBy).toBeUndefined();
  });

  it("arrival before the 48-hour deadline cancels the escalation", async () => {
    const { token } = await setupProject();
    travelToShanghai("23:30:00");
    const team = await escalationTeam();
    const res = await publicCall("POST", "/api/public/repair", token, repairInput());
    const [ticket] = (await Actor.system("test", () => Ticket.listByStatus(["reported"]))).filter((t) => t.number === res.json.number);
    const reportedAt = new Date(ticket!.reportedAt);

    const dispatched = await call("POST", `/api/tickets/${ticket!.ticketID}/dispatch`, { cookie: team.head.cookie, body: { engineerID: team.engineer.user.userID } });
    expect(dispatched.status).toBe(200);
    expect((await mailTo(team.engineer.user.email)).some((m) => m.subject.startsWith("派工："))).toBe(true);
    Clock.advance(10 * HOUR);
    const arrived = await call("POST", `/api/tickets/${ticket!.ticketID}/arrive`, { cookie: team.engineer.cookie, body: {} });
    expect(arrived.status).toBe(200);
    expect(arrived.json.ticket.status).toBe("on_site");

    Clock.travelTo(new Date(reportedAt.getTime() + 60 * HOUR));
    await sweep();
    expect(await escalated(team.engineer.user.email, res.json.number)).toHaveLength(0);
    expect(await escalated(team.head.user.email, res.json.number)).toHaveLength(0);
    const timers = await Timer.listByRef(`ticket#${ticket!.ticketID}`);
    expect(timers.filter((t) => t.kind === "ticket.escalate").every((t) => t.status === "cancelled")).toBe(true);
    const current = (await Actor.system("test", () => Ticket.get(ticket!.ticketID)))!;
    expect(current.breaches).toEqual([]);
  });

  it("warns before a general repair's agreed deadline, and lets the customer hire a third party when nobody was dispatched", async () => {
    const { token } = await setupProject({ agreedRepairDays: 3 });
    const reportedAt = travelToShanghai("10:00:00");
    const team = await escalationTeam();
    const input = repairInput({ urgency: "general", category: "equipment" });
    const res = await publicCall("POST", "/api/public/repair", token, input);
    const tracking = res.json.trackingToken;
    let view = await publicCall("GET", "/api/public/track", tracking);
    const dueAt = Clock.fromShanghai(Clock.shanghaiDate(Clock.addDays(reportedAt, 3)), "23:59:59.999");
    expect(view.json.ticket.resolveBy).toBe(dueAt.toISOString());
    expect(view.json.ticket.thirdPartyAllowed).toBe(false);

    Clock.travelTo(new Date(dueAt.getTime() - 23 * HOUR));
    await sweep();
    const warnings = (await mailTo(team.engineer.user.email)).filter((m) => m.subject.startsWith("【即将超时】") && m.subject.includes(res.json.number));
    expect(warnings).toHaveLength(1);

    Clock.travelTo(new Date(dueAt.getTime() + 60_000));
    await sweep();
    view = await publicCall("GET", "/api/public/track", tracking);
    expect(view.json.ticket.thirdPartyAllowed).toBe(true);
    const notice = (await mailTo(input.contact.email as string)).filter((m) => m.subject.includes("委托第三方"));
    expect(notice).toHaveLength(1);
    expect(notice[0]!.body.text).toContain("保修金内扣除");
  });

  it("resolving a ticket cancels its pending timers; a reopened ticket starts a new clock", async () => {
    const { token } = await setupProject();
    travelToShanghai("09:00:00");
    const team = await escalationTeam();
    const input = repairInput({ urgency: "small", category: "decoration" });
    const res = await publicCall("POST", "/api/public/repair", token, input);
    const [ticket] = (await Actor.system("test", () => Ticket.listByStatus(["reported"]))).filter((t) => t.number === res.json.number);
    const id = ticket!.ticketID;
    await call("POST", `/api/tickets/${id}/dispatch`, { cookie: team.head.cookie, body: { engineerID: team.engineer.user.userID } });
    await call("POST", `/api/tickets/${id}/arrive`, { cookie: team.engineer.cookie, body: {} });
    const repaired = await call("POST", `/api/tickets/${id}/repair`, { cookie: team.engineer.cookie, body: { note: "更换开关面板", responsibleTeam: "电气一班" } });
    expect(repaired.status).toBe(200);
    expect((await Timer.listByRef(`ticket#${id}`)).filter((t) => t.status === "pending")).toHaveLength(0);
    expect((await mailTo(input.contact.email as string)).some((m) => m.subject.startsWith("维修已完成，请验收"))).toBe(true);

    const reopened = await publicCall("POST", "/api/public/track/reopen", res.json.trackingToken, { reason: "开关仍然不亮" });
    expect(reopened.status).toBe(200);
    expect(reopened.json.ticket.status).toBe("reopened");
    expect((await Timer.listByRef(`ticket#${id}`)).filter((t) => t.status === "pending").length).toBeGreaterThan(0);
    expect((await mailTo(team.engineer.user.email)).some((m) => m.subject.startsWith("【客户退回重修】"))).toBe(true);
  });

  it("a reclassified ticket is judged by the new severity from the original notice", async () => {
    const { token } = await setupProject();
    travelToShanghai("14:00:00");
    const team = await escalationTeam();
    const res = await publicCall("POST", "/api/public/repair", token, repairInput({ urgency: "general" }));
    const [ticket] = (await Actor.system("test", () => Ticket.listByStatus(["reported"]))).filter((t) => t.number === res.json.number);
    const reportedAt = new Date(ticket!.reportedAt);
    const classified = await call("POST", `/api/tickets/${ticket!.ticketID}/classify`, { cookie: team.head.cookie, body: { severity: "emergency" } });
    expect(classified.status).toBe(200);
    expect(classified.json.ticket.arriveBy).toBe(new Date(reportedAt.getTime() + 48 * HOUR).toISOString());
    expect(classified.json.ticket.resolveBy).toBeUndefined();
    const notOurs = await call("POST", `/api/tickets/${ticket!.ticketID}/classify`, { cookie: team.head.cookie, body: { coverage: "not_our_cause" } });
    expect(notOurs.status).toBe(400);
    expect(notOurs.json.error.fields[0].field).toBe("note");
    const billable = await call("POST", `/api/tickets/${ticket!.ticketID}/classify`, {
      cookie: team.head.cookie,
      body: { coverage: "not_our_cause", note: "业主自行改造管线造成" },
    });
    expect(billable.json.ticket).toMatchObject({ coverage: "not_our_cause", billable: true });
  });

  it("decides warranty coverage from the category and the completion date", async () => {
    // Accepted three years ago: electrical (2 years) has expired, waterproofing (5 years) has not.
    const { token } = await setupProject({ completionAcceptedOn: Clock.shanghaiDate(Clock.addDays(Clock.now(), -3 * 366)) });
    const expired = await publicCall("POST", "/api/public/repair", token, repairInput({ urgency: "general", category: "electrical" }));
    const covered = await publicCall("POST", "/api/public/repair", token, repairInput({ urgency: "general", category: "waterproofing" }));
    const a = await publicCall("GET", "/api/public/track", expired.json.trackingToken);
    const b = await publicCall("GET", "/api/public/track", covered.json.trackingToken);
    expect(a.json.ticket).toMatchObject({ coverage: "expired", billable: true });
    expect(b.json.ticket).toMatchObject({ coverage: "in_warranty", billable: false });
  });

  it("the customer accepts the repair with a rating; a second acceptance is refused", async () => {
    const team = await escalationTeam();
    const { token } = await setupProject();
    const res = await publicCall("POST", "/api/public/repair", token, repairInput({ urgency: "small" }));
    const [ticket] = (await Actor.system("test", () => Ticket.listByStatus(["reported"]))).filter((t) => t.number === res.json.number);
    const id = ticket!.ticketID;
    expect((await call("POST", `/api/tickets/${id}/acknowledge`, { cookie: team.engineer.cookie, body: {} })).status).toBe(200);
    await call("POST", `/api/tickets/${id}/dispatch`, { cookie: team.head.cookie, body: { engineerID: team.engineer.user.userID } });
    // Repair before arrival is refused with a clear status message.
    const early = await call("POST", `/api/tickets/${id}/repair`, { cookie: team.engineer.cookie, body: { note: "x" } });
    expect(early.status).toBe(409);
    expect(early.json.error.message["zh-CN"]).toContain("已派工");
    await call("POST", `/api/tickets/${id}/arrive`, { cookie: team.engineer.cookie, body: {} });
    await call("POST", `/api/tickets/${id}/repair`, { cookie: team.engineer.cookie, body: { note: "已修复" } });
    const accepted = await publicCall("POST", "/api/public/track/accept", res.json.trackingToken, { rating: 5, comment: "响应很快" });
    expect(accepted.status).toBe(200);
    expect(accepted.json.ticket).toMatchObject({ status: "accepted", rating: 5, comment: "响应很快" });
    const again = await publicCall("POST", "/api/public/track/accept", res.json.trackingToken, { rating: 1 });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("ticket.already_accepted");
    const closed = await call("POST", `/api/tickets/${id}/close`, { cookie: team.engineer.cookie, body: {} });
    expect(closed.json.ticket.status).toBe("closed");
    const staffView = await call("GET", `/api/tickets/${id}`, { cookie: (await staff(["cs_supervisor"])).cookie });
    expect(staffView.json.ticket.history.map((h: any) => h.action)).toEqual([
      "ticket.reported",
      "ticket.acknowledged",
      "ticket.dispatched",
      "ticket.arrived",
      "ticket.repaired",
      "ticket.accepted",
      "ticket.closed",
    ]);
  });
});
