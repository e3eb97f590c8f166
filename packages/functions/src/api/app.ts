import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import { Config } from "sst/node/config";
import { auth, me } from "./auth";
import { accessLog, notFound, onError, session } from "./http";
import { local } from "./local";
import { users } from "./users";
import { claims, engineers, followUps, repairLinks, reports, tickets } from "./warranty";
import { publicRoutes } from "./public";
import { settings } from "./settings";
import { customers } from "./customers";
import { projects, warrantyCategories } from "./projects";

/** The whole HTTP API: the Lambda handler and the local server both serve this app. */
export const app = new Hono()
  .basePath("/api")
  .use(accessLog)
  .use(secureHeaders())
  .use(async (c, next) => {
    await next();
    c.header("cache-control", "no-store");
  })
  .use(
    bodyLimit({
      maxSize: 256 * 1024,
      onError: (c) =>
        c.json({ error: { code: "request.too_large", message: { "zh-CN": "请求内容过大", en: "The request is too large" } } }, 413),
    }),
  )
  .use(session)
  .get("/health", (c) => c.json({ ok: true, version: Config.BUILD_VERSION, stage: Config.STAGE, mode: Config.RUNTIME_MODE }))
  .route("/auth", auth)
  .route("/me", me)
  .route("/users", users)
  .route("/local", local)
  .route("/tickets", tickets)
  .route("/engineers", engineers)
  .route("/projects", repairLinks)
  .route("/claims", claims)
  .route("/followups", followUps)
  .route("/reports", reports)
  .route("/public", publicRoutes)
  .route("/settings", settings)
  .route("/customers", customers)
  .route("/projects", projects)
  .route("/warranty", warrantyCategories);

app.onError(onError);
app.notFound(notFound);
