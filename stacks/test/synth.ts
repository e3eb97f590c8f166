import { Template } from "aws-cdk-lib/assertions";
import { App, getStack } from "sst/constructs";
import { initProject, useProject } from "sst/project.js";
import config from "../../sst.config";
import { Api } from "../Api";
import { Email } from "../Email";
import { Secrets } from "../Secrets";
import { Storage } from "../Storage";
import { Timers } from "../Timers";
import { Web } from "../Web";

export const TEST_ACCOUNT = "123456789012";
export const TEST_REGION = "ap-southeast-1";

/** Deploy-time variables read by stacks/params.ts. */
const DEPLOY_ENV = ["SITE_URL", "SITE_DOMAIN", "SITE_HOSTED_ZONE", "EMAIL_SENDER", "BUILD_VERSION"];

const stackFns = { Secrets, Storage, Email, Timers, Api, Web };
export type StackName = keyof typeof stackFns;
export type Templates = Record<StackName, Template>;

export interface SynthOptions {
  stage: string;
  /** Deploy-time variables (stacks/params.ts) set while the app is built, then restored. */
  env?: Record<string, string | undefined>;
  /**
   * Stacks to build for real. Others are synthesized as SST "inactive" stacks: same resources,
   * but no function bundling and no site build.
   */
  activeStacks?: StackName[];
}

/**
 * Synthesizes the real app (sst.config.ts `stacks`) offline, the way `sst deploy` would, and
 * returns one assertion Template per stack. SST keeps the project and the current app in module
 * state: synthesize one app at a time and take every template before starting the next.
 */
export async function synth({ stage, env = {}, activeStacks }: SynthOptions): Promise<Templates> {
  // Start from the documented defaults whatever the developer's shell or .env holds.
  const controlled = { ...Object.fromEntries(DEPLOY_ENV.map((k) => [k, undefined])), ...env };
  const saved = Object.fromEntries(["AWS_REGION", ...Object.keys(controlled)].map((k) => [k, process.env[k]]));
  try {
    // sst.config.ts reads the region while the project is initialized.
    setEnv("AWS_REGION", TEST_REGION);
    // initProject loads .env files into process.env: override after it.
    await initProject({ stage });
    for (const [k, v] of Object.entries(controlled)) setEnv(k, v);
    const project = useProject();
    const app = new App({
      mode: "deploy",
      stage,
      name: project.config.name,
      region: project.config.region,
      account: TEST_ACCOUNT,
      isActiveStack: activeStacks
        ? (stackName) => activeStacks.some((s) => stackName === `${stage}-${project.config.name}-${s}`)
        : undefined,
    });
    await config.stacks(app);
    await app.finish();
    const templates = {} as Templates;
    for (const [name, fn] of Object.entries(stackFns)) {
      templates[name as StackName] = Template.fromStack(getStack(fn));
    }
    return templates;
  } finally {
    for (const [k, v] of Object.entries(saved)) setEnv(k, v);
  }
}

function setEnv(key: string, value: string | undefined) {
  if (value === undefined) delete process.env[key];
  else process.env[key] = value;
}
