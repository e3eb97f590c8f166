import { randomBytes } from "node:crypto";
import { localEnvironment, startEmbedded, type Embedded } from "../packages/local/src/embedded";

/**
 * Starts the real embedded stand-ins once for the whole run (in memory) and points every test
 * worker at them through the same variables `npm start` sets. Tests use fresh IDs, so they can
 * share one table.
 */
let embedded: Embedded | undefined;

export async function setup() {
  embedded = await startEmbedded({ tableName: "aftersales-test", bucketName: "attachments-test" });
  Object.assign(
    process.env,
    localEnvironment(embedded, {
      siteURL: "http://localhost:4321",
      sessionSecret: randomBytes(32).toString("hex"),
      version: "test",
    }),
    { POWERTOOLS_LOG_LEVEL: "SILENT", SST_TELEMETRY_DISABLED: "1" },
  );
}

export async function teardown() {
  await embedded?.stop();
}
