import { describe, expect, it } from "vitest";
import { Auth, Clock } from "@aftersales/core";
import { call, createUser, latestCode, mailTo, newClient, signIn, staff, uniqueEmail } from "./support";

describe("staff sign-in by emailed code", () => {
  it("signs in with the mailed code, sets a safe session cookie, and /api/me answers", async () => {
    const user = await createUser(["after_sales"], "王工");
    const client = newClient();
    const requested = await call("POST", "/api/auth/code", { body: { email: user.email.toUpperCase() }, client });
    expect(requested.status).toBe(202);
    const mails = await mailTo(user.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toMatch(/^登录验证码 \d{6}$/);
    const code = await latestCode(user.email);

    const verified = await call("POST", "/api/auth/verify", { body: { email: user.email, code }, client });
    expect(verified.status).toBe(200);
    expect(verified.json.user).toMatchObject({ userID: user.userID, name: "王工", roles: ["after_sales"] });
    const setCookie = verified.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/^session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).toMatch(/Max-Age=43200/);

    const me = await call("GET", "/api/me", { cookie: setCookie.split(";")[0] });
    expect(me.status).toBe(200);
    expect(me.json.user.email).toBe(user.email);
  });

  it("marks the cookie Secure behind https (CloudFront)", async () => {
    const user = await createUser(["finance"]);
    const client = newClient();
    await call("POST", "/api/auth/code", { body: { email: user.email }, client });
    const code = await latestCode(user.email);
    const { app } = await import("../src/api/app");
    const res = await app.request("/api/auth/verify", {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": client, "x-forwarded-proto": "https" },
      body: JSON.stringify({ email: user.email, code }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toMatch(/Secure/);
  });

  it("answers the same for an unknown address and sends nothing", async () => {
    const email = uniqueEmail("nobody");
    const res = await call("POST", "/api/auth/code", { body: { email } });
    expect(res.status).toBe(202);
    expect(res.json).toEqual({ ok: true });
    expect(await mailTo(email)).toHaveLength(0);
  });

  it("sends nothing to a deactivated user", async () => {
    const { cookie: adminCookie } = await staff(["admin"]);
    const user = await createUser(["marketing"]);
    const off = await call("PATCH", `/api/users/${user.userID}`, { body: { active: false }, cookie: adminCookie });
    expect(off.status).toBe(200);
    expect((await call("POST", "/api/auth/code", { body: { email: user.email } })).status).toBe(202);
    expect(await mailTo(user.email)).toHaveLength(0);
  });

  it("refuses a wrong code, and locks the code after too many wrong tries", async () => {
    const user = await createUser(["finance"]);
    const client = newClient();
    await call("POST", "/api/auth/code", { body: { email: user.email }, client });
    const code = (await latestCode(user.email))!;
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 0; i < Auth.MAX_CODE_ATTEMPTS; i++) {
      const res = await call("POST", "/api/auth/verify", { body: { email: user.email, code: wrong }, client });
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe("auth.code_invalid");
      expect(res.json.error.message["zh-CN"]).toContain("验证码");
    }
    const right = await call("POST", "/api/auth/verify", { body: { email: user.email, code }, client });
    expect(right.status).toBe(400);
    expect(right.headers.get("set-cookie")).toBeNull();
  });

  it("refuses an expired code", async () => {
    const user = await createUser(["finance"]);
    await call("POST", "/api/auth/code", { body: { email: user.email } });
    const code = await latestCode(user.email);
    Clock.advance((Auth.CODE_TTL_MINUTES + 1) * 60_000);
    const res = await call("POST", "/api/auth/verify", { body: { email: user.email, code } });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("auth.code_invalid");
  });

  it("refuses a code used once already, even when two uses race", async () => {
    const user = await createUser(["finance"]);
    await call("POST", "/api/auth/code", { body: { email: user.email } });
    const code = await latestCode(user.email);
    const [a, b] = await Promise.all([
      call("POST", "/api/auth/verify", { body: { email: user.email, code } }),
      call("POST", "/api/auth/verify", { body: { email: user.email, code } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 400]);
    const again = await call("POST", "/api/auth/verify", { body: { email: user.email, code } });
    expect(again.status).toBe(400);
  });

  it("a new code replaces the previous one", async () => {
    const user = await createUser(["finance"]);
    const client = newClient();
    await call("POST", "/api/auth/code", { body: { email: user.email }, client });
    const first = await latestCode(user.email);
    await call("POST", "/api/auth/code", { body: { email: user.email }, client });
    const second = await latestCode(user.email);
    if (first !== second) {
      expect((await call("POST", "/api/auth/verify", { body: { email: user.email, code: first }, client })).status).toBe(400);
    }
    expect((await call("POST", "/api/auth/verify", { body: { email: user.email, code: second }, client })).status).toBe(200);
  });

  it("rate-limits code requests per address, whether or not the address exists", async () => {
    const window = Auth.LIMITS.codePerEmail.windowSeconds * 1000;
    Clock.travelTo(new Date(Math.ceil(Clock.now().getTime() / window) * window + 1000));
    for (const email of [(await createUser(["finance"])).email, uniqueEmail("ghost")]) {
      for (let i = 0; i < Auth.LIMITS.codePerEmail.limit; i++) {
        expect((await call("POST", "/api/auth/code", { body: { email } })).status).toBe(202);
      }
      const limited = await call("POST", "/api/auth/code", { body: { email } });
      expect(limited.status).toBe(429);
      expect(limited.json.error.code).toBe("rate.limited");
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    }
  });

  it("rate-limits one client trying many addresses", async () => {
    // Start at the beginning of a fresh fixed window, so the run cannot straddle two windows.
    const window = Auth.LIMITS.codePerClient.windowSeconds * 1000;
    Clock.travelTo(new Date(Math.ceil(Clock.now().getTime() / window) * window + 1000));
    const client = newClient();
    let limited = 0;
    for (let i = 0; i < Auth.LIMITS.codePerClient.limit + 2; i++) {
      const res = await call("POST", "/api/auth/code", { body: { email: uniqueEmail("spray") }, client });
      if (res.status === 429) limited++;
    }
    expect(limited).toBe(2);
  });

  it("signing out ends the session on the server, not only in the browser", async () => {
    const user = await createUser(["finance"]);
    const cookie = await signIn(user.email);
    expect((await call("GET", "/api/me", { cookie })).status).toBe(200);
    const out = await call("POST", "/api/auth/signout", { cookie });
    expect(out.status).toBe(200);
    expect(out.headers.get("set-cookie")).toMatch(/session=;/);
    const after = await call("GET", "/api/me", { cookie });
    expect(after.status).toBe(401);
    expect(after.json.error.code).toBe("auth.required");
  });

  it("a session ends when it expires (real time), not when the demo clock moves", async () => {
    const user = await createUser(["finance"]);
    const cookie = await signIn(user.email);
    Clock.advance(2 * 24 * 3600_000);
    expect((await call("GET", "/api/me", { cookie })).status).toBe(200);
    // A token whose expiry has passed, correctly signed, for a live session: refused.
    const { SignJWT, decodeJwt } = await import("jose");
    const claims = decodeJwt(cookie.split("=")[1]!);
    const expired = await new SignJWT({ sid: claims.sid })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(String(claims.sub))
      .setIssuedAt(Math.floor(Date.now() / 1000) - 13 * 3600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(new TextEncoder().encode(process.env.SST_Secret_value_SESSION_SECRET));
    expect((await call("GET", "/api/me", { cookie: `session=${expired}` })).status).toBe(401);
  });

  it("rejects a forged or tampered token", async () => {
    const user = await createUser(["finance"]);
    const cookie = await signIn(user.email);
    const [name, token] = cookie.split("=");
    const parts = token!.split(".");
    const payload = JSON.parse(Buffer.from(parts[1]!, "base64url").toString());
    payload.sub = "someone-else";
    const forged = [parts[0], Buffer.from(JSON.stringify(payload)).toString("base64url"), parts[2]].join(".");
    expect((await call("GET", "/api/me", { cookie: `${name}=${forged}` })).status).toBe(401);
  });

  it("explains bad input field by field, in both languages", async () => {
    const bad = await call("POST", "/api/auth/code", { body: { email: "not-an-email", extra: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe("validation.failed");
    const fields = Object.fromEntries(bad.json.error.fields.map((f: any) => [f.field, f.message]));
    expect(fields.email["zh-CN"]).toBe("邮箱地址格式不正确");
    expect(fields.email.en).toBe("Not a valid email address");
    expect(fields.extra.en).toContain("Unknown field");

    const badCode = await call("POST", "/api/auth/verify", { body: { email: uniqueEmail(), code: "12ab" } });
    expect(badCode.json.error.fields[0].field).toBe("code");

    const notJSON = await call("POST", "/api/auth/code", { rawBody: "{nope" });
    expect(notJSON.status).toBe(400);
    expect(notJSON.json.error.fields[0]).toMatchObject({ field: "body", code: "invalid_json" });
  });
});
