import { Config } from "sst/node/config";

/** An absolute link into the site, for emails. */
export function siteURL(path: string): string {
  return new URL(path, Config.SITE_URL).toString();
}
