import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { Actor, Auth, User } from "@aftersales/core";
import { body, clientAddress } from "./http";

/** Secure cookies over https (always on AWS, behind CloudFront); plain http only for the local server. */
function secure(c: { req: { url: string; header(name: string): string | undefined } }) {
  return c.req.header("x-forwarded-proto") === "https" || c.req.url.startsWith("https:") || !!c.req.header("cloudfront-viewer-address");
}

export const auth = new Hono()
  .post("/code", async (c) => {
    await Auth.throttleClient("code", clientAddress(c));
    await Auth.requestCode((await body(c)) as any);
    return c.json({ ok: true }, 202);
  })
  .post("/verify", async (c) => {
    await Auth.throttleClient("verify", clientAddress(c));
    const { user, token } = await Auth.verifyCode((await body(c)) as any);
    setCookie(c, Auth.SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: "Lax",
      secure: secure(c),
      path: "/",
      maxAge: Auth.SESSION_HOURS * 3600,
    });
    return c.json({ user: User.present(user) });
  })
  .post("/signout", async (c) => {
    const token = getCookie(c, Auth.SESSION_COOKIE);
    if (token) await Auth.signOut(token);
    deleteCookie(c, Auth.SESSION_COOKIE, { path: "/", httpOnly: true, sameSite: "Lax", secure: secure(c) });
    return c.json({ ok: true });
  });

export const me = new Hono().get("/", async (c) => {
  Actor.user();
  // The session middleware already read the user for this request.
  const user = c.get("user" as never) as User.Info;
  return c.json({ user: User.present(user) });
});
