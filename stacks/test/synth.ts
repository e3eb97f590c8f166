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
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(env)) setEnv(k, v);
  try {
    await initProject({ stage });
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
