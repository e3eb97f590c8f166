// @ts-check
import { defineConfig } from "astro/config";
import solid from "@astrojs/solid-js";

// Static staff portal. The Hono API is served on the same origin under /api
// (locally by the Node server, on AWS behind the same CloudFront distribution).
export default defineConfig({
  output: "static",
  outDir: "./dist",
  // Pages are emitted as <path>/index.html; internal links always end with "/"
  // so they resolve on plain static hosting (S3 + CloudFront index rewrite) too.
  build: { format: "directory" },
  trailingSlash: "ignore",
  integrations: [solid()],
  i18n: {
    defaultLocale: "zh-CN",
    locales: ["zh-CN", "en"],
    routing: { prefixDefaultLocale: false },
  },
  devToolbar: { enabled: false },
  vite: {
    // Local dev: forward /api to the local Node server (npm start).
    server: { proxy: { "/api": process.env.API_ORIGIN ?? "http://localhost:3000" } },
  },
});
