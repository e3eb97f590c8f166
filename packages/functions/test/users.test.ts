import { describe, expect, it } from "vitest";
import { call, createUser, mailTo, signIn, staff, uniqueEmail } from "./support";

describe("user administration", () => {
  it("an admin invites a colleague, who receives an email and can sign in", async () => {
    const { cookie } = await staff(["admin"]);
    const email = uniqueEmail("invitee");
    const res = await call("POST", "/api/users", {
      cookie,
      body: { email, name: "李客服", roles: ["cs_specialist", "cs_supervisor"] },
    });
    expect(res.status).toBe(201);
    expect(res.json.user).toMatchObject({ email, name: "李客服", roles: ["cs_specialist", "cs_supervisor"], active: true });
    const mails = await mailTo(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("您已受邀使用售后与劳务管理系统");
    expect(mails[0]!.body.text).toContain("客服专员、客服主管");
    expect(mails[0]!.body.text).toContain(`/signin/?email=${encodeURIComponent(email)}`);

    const inviteeCookie = await signIn(email);
    const me = await call("GET", "/api/me", { cookie: inviteeCookie });
    expect(me.json.user.roles).toEqual(["cs_specialist", "cs_supervisor"]);

    const list = await call("GET", "/api/users", { cookie });
    expect(list.json.users.some((u: any) => u.email === email)).toBe(true);
  });

  it("an invitation in English is written in English", async () => {
    const { cookie } = await staff(["admin"]);
    const email = uniqueEmail("en");
    await call("POST", "/api/users", { cookie, body: { email, name: "Sam", roles: ["finance"], locale: "en" } });
    const [mail] = await mailTo(email);
    expect(mail!.subject).toBe("You are invited to the after-sales & workforce system");
    expect(mail!.body.text).toContain("/en/signin/");
  });

  it("refuses a second account for the same address", async () => {
    const { cookie } = await staff(["admin"]);
    const email = uniqueEmail("dup");
    expect((await call("POST", "/api/users", { cookie, body: { email, name: "甲", roles: ["finance"] } })).status).toBe(201);
    const again = await call("POST", "/api/users", { cookie, body: { email: email.toUpperCase(), name: "乙", roles: ["finance"] } });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("user.email_taken");
  });

  it("changes roles, deactivates and reactivates, recording who did it", async () => {
    const { cookie, user: admin } = await staff(["admin"]);
    const target = await createUser(["after_sales"]);
    const targetCookie = await signIn(target.email);

    const roles = await call("PATCH", `/api/users/${target.userID}`, { cookie, body: { roles: ["after_sales", "project_manager"] } });
    expect(roles.status).toBe(200);
    expect(roles.json.user.roles).toEqual(["after_sales", "project_manager"]);
    expect((await call("GET", "/api/me", { cookie: targetCookie })).json.user.roles).toContain("project_manager");

    const off = await call("PATCH", `/api/users/${target.userID}`, { cookie, body: { active: false } });
    expect(off.json.user.active).toBe(false);
    expect((await call("GET", "/api/me", { cookie: targetCookie })).status).toBe(401);

    const on = await call("PATCH", `/api/users/${target.userID}`, { cookie, body: { active: true } });
    expect(on.json.user.active).toBe(true);

    const { User } = await import("@aftersales/core");
    const stored = await User.fromID(target.userID);
    expect(stored!.history.map((h) => h.action)).toEqual(["user.created", "user.updated", "user.deactivated", "user.reactivated"]);
    expect(stored!.history[2]!.by).toMatchObject({ type: "user", id: admin.userID });
  });

  it("an admin cannot lock themselves out", async () => {
    const { cookie, user } = await staff(["admin"]);
    const res = await call("PATCH", `/api/users/${user.userID}`, { cookie, body: { active: false } });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("user.cannot_lock_out_self");
    const demote = await call("PATCH", `/api/users/${user.userID}`, { cookie, body: { roles: ["finance"] } });
    expect(demote.json.error.code).toBe("user.cannot_lock_out_self");
  });

  it("refuses stale edits (optimistic concurrency)", async () => {
    const { cookie } = await staff(["admin"]);
    const target = await createUser(["finance"]);
    const first = await call("PATCH", `/api/users/${target.userID}`, { cookie, body: { name: "新名字", version: 1 } });
    expect(first.status).toBe(200);
    const stale = await call("PATCH", `/api/users/${target.userID}`, { cookie, body: { name: "旧页面", version: 1 } });
    expect(stale.status).toBe(409);
  });

  it("validates invitations field by field and writes nothing", async () => {
    const { cookie } = await staff(["admin"]);
    const email = uniqueEmail("bad");
    const res = await call("POST", "/api/users", {
      cookie,
      body: { email, name: "<script>alert(1)</script>", roles: ["wizard"] },
    });
    expect(res.status).toBe(400);
    const fields = res.json.error.fields.map((f: any) => f.field).sort();
    expect(fields).toEqual(["name", "roles.0"]);
    expect(await mailTo(email)).toHaveLength(0);
    const list = await call("GET", "/api/users", { cookie });
    expect(list.json.users.some((u: any) => u.email === email)).toBe(false);
  });

  it("404 for an unknown user", async () => {
    const { cookie } = await staff(["admin"]);
    const res = await call("PATCH", `/api/users/nope`, { cookie, body: { name: "x" } });
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe("user.not_found");
  });
});

describe("who may administer users", () => {
  const routes = [
    ["GET", "/api/users", undefined],
    ["POST", "/api/users", { email: "x@example.test", name: "x", roles: ["finance"] }],
    ["PATCH", "/api/users/any", { name: "x" }],
    ["POST", "/api/local/clock", { advanceMinutes: 1 }],
  ] as const;

  it.each(routes)("%s %s: 401 without a session", async (method, path, body) => {
    const res = await call(method, path, { body });
    expect(res.status).toBe(401);
  });

  it.each(routes)("%s %s: 403 for every role but admin", async (method, path, body) => {
    const { cookie } = await staff(["cs_specialist", "cs_supervisor", "after_sales", "project_manager", "engineering_head", "general_manager", "labour_admin", "finance", "marketing", "department"]);
    const res = await call(method, path, { body, cookie });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe("auth.forbidden");
  });
});

describe("health and local helpers", () => {
  it("reports health with the build version", async () => {
    const res = await call("GET", "/api/health");
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ok: true, version: "test", stage: "local", mode: "local" });
  });

  it("the local clock moves forward for an admin and refuses bad input", async () => {
    const { cookie } = await staff(["admin"]);
    const before = (await call("GET", "/api/local/info")).json.now;
    const moved = await call("POST", "/api/local/clock", { cookie, body: { advanceMinutes: 60 } });
    expect(moved.status).toBe(200);
    expect(new Date(moved.json.now).getTime() - new Date(before).getTime()).toBeGreaterThanOrEqual(60 * 60_000);
    const bad = await call("POST", "/api/local/clock", { cookie, body: { advanceMinutes: -5 } });
    expect(bad.status).toBe(400);
  });

  it("unknown API paths answer a JSON 404", async () => {
    const res = await call("GET", "/api/nothing-here");
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe("route.not_found");
  });
});

describe("invitation reminders", () => {
  it("reminds an invitee who has not signed in after 3 days, once; not one who has", async () => {
    const { Clock, Timer } = await import("@aftersales/core");
    const { cookie } = await staff(["admin"]);
    const idle = uniqueEmail("idle");
    const active = uniqueEmail("active");
    for (const email of [idle, active]) {
      expect((await call("POST", "/api/users", { cookie, body: { email, name: "新同事", roles: ["department"] } })).status).toBe(201);
    }
    await signIn(active);
    Clock.advance(2 * 24 * 60 * 60_000);
    await Timer.sweep();
    expect((await mailTo(idle)).filter((m) => m.subject.startsWith("提醒"))).toHaveLength(0);
    Clock.advance(1 * 24 * 60 * 60_000 + 60_000);
    await Timer.sweep();
    await Timer.sweep();
    expect((await mailTo(idle)).filter((m) => m.subject === "提醒：您的账号尚未登录")).toHaveLength(1);
    expect((await mailTo(active)).filter((m) => m.subject.startsWith("提醒"))).toHaveLength(0);
  });
});
