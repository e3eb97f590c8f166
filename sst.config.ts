import type { SSTConfig } from "sst";
import { Api } from "./stacks/Api";
import { Email } from "./stacks/Email";
import { isProd } from "./stacks/params";
import { Secrets } from "./stacks/Secrets";
import { Storage } from "./stacks/Storage";
import { Timers } from "./stacks/Timers";
import { Web } from "./stacks/Web";

export default {
  config() {
    return {
      name: "aftersales",
      region: process.env.AWS_REGION ?? "ap-southeast-1",
    };
  },
  stacks(app) {
    // Minified ESM bundles: 1.6 MB instead of 4 MB per function (docs/benchmarks.md).
    app.setDefaultFunctionProps({ runtime: "nodejs22.x", architecture: "arm_64", nodejs: { format: "esm", minify: true } });
    // Non-prod stages are disposable; prod keeps the table and bucket (Storage sets RETAIN).
    if (!isProd(app.stage)) app.setDefaultRemovalPolicy("destroy");
    app.stack(Secrets).stack(Storage).stack(Email).stack(Timers).stack(Api).stack(Web);
  },
} satisfies SSTConfig;
