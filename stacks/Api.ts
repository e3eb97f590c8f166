import { Api as HttpApi, Function, use, type StackContext } from "sst/constructs";
import { Timers } from "./Timers";

/**
 * One HTTP API, one Lambda: the Hono app routes everything under /api itself (including
 * GET /api/health). The browser reaches it through the site's CloudFront distribution (see
 * Web.ts), so it is same-origin and needs no CORS.
 */
export function Api({ stack }: StackContext) {
  const timers = use(Timers);

  const handler = new Function(stack, "api", {
    handler: "packages/functions/src/api.handler",
    description: "HTTP API (Hono)",
    timeout: "20 seconds",
    bind: timers.bind,
    permissions: timers.runtimePermissions(),
  });

  const api = new HttpApi(stack, "http", {
    cors: false,
    routes: {
      "ANY /api/{proxy+}": handler,
    },
  });

  stack.addOutputs({ ApiUrl: api.url });

  return { api, handler };
}
