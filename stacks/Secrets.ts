import { Config, type StackContext } from "sst/constructs";

/**
 * Secrets live in SSM (SecureString), set per stage with `npx sst secrets set SESSION_SECRET <value>`;
 * bound functions get `SST_Secret_value_SESSION_SECRET` and read it as `Config.SESSION_SECRET`.
 */
export function Secrets({ stack }: StackContext) {
  const sessionSecret = new Config.Secret(stack, "SESSION_SECRET");
  return { sessionSecret };
}
