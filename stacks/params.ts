/**
 * Stage parameters: the ONLY place the stacks read deploy-time environment variables.
 *
 * | variable          | meaning                                              | default (non-prod)         | prod      |
 * |-------------------|------------------------------------------------------|----------------------------|-----------|
 * | SITE_URL          | public origin of the site (email links, bucket CORS) | https://SITE_DOMAIN, else https://example.invalid | required (or SITE_DOMAIN) |
 * | SITE_DOMAIN       | custom domain of the CloudFront site (Route 53)      | none: CloudFront domain    | optional  |
 * | SITE_HOSTED_ZONE  | Route 53 zone holding SITE_DOMAIN                    | SITE_DOMAIN                | optional  |
 * | EMAIL_SENDER      | From address (must be a verified SES identity)       | noreply@example.com        | required  |
 * | BUILD_VERSION     | version reported by /api/health                      | root package.json version  | same      |
 *
 * `example.invalid` can never resolve (RFC 2606), so a stage deployed without SITE_URL sends
 * links that visibly go nowhere rather than to someone else's site. Prod refuses to synthesize
 * without a real origin and sender: a staff sign-in code sent from an unverified address never
 * arrives, and nobody could sign in.
 *
 * The site origin cannot be taken from the CloudFront distribution itself: the bucket CORS rule
 * (Storage) would then depend on Web, which depends on Storage. For a stage without a custom
 * domain, deploy once, then set SITE_URL to the printed SiteUrl and deploy again.
 */
import pkg from "../package.json";

export interface StageParams {
  /** Origin only (scheme://host[:port]), no trailing slash. */
  siteUrl: string;
  siteDomain?: string;
  siteHostedZone?: string;
  emailSender: string;
  /** Bare address of emailSender (without a display name), for IAM conditions and identities. */
  emailSenderAddress: string;
  buildVersion: string;
}

export const PROD_STAGE = "prod";

export function isProd(stage: string): boolean {
  return stage === PROD_STAGE;
}

const NON_PROD_SITE_URL = "https://example.invalid";
const NON_PROD_EMAIL_SENDER = "noreply@example.com";

export function stageParams(stage: string, env: NodeJS.ProcessEnv = process.env): StageParams {
  const prod = isProd(stage);
  const siteDomain = blankToUndefined(env.SITE_DOMAIN);
  const siteHostedZone = blankToUndefined(env.SITE_HOSTED_ZONE);

  const rawSiteUrl =
    blankToUndefined(env.SITE_URL) ??
    (siteDomain ? `https://${siteDomain}` : undefined) ??
    (prod ? undefined : NON_PROD_SITE_URL);
  if (!rawSiteUrl) {
    throw new Error(`Stage "${stage}": set SITE_URL (or SITE_DOMAIN) to the public origin of the site.`);
  }
  const siteUrl = toOrigin(rawSiteUrl);

  const emailSender = blankToUndefined(env.EMAIL_SENDER) ?? (prod ? undefined : NON_PROD_EMAIL_SENDER);
  if (!emailSender) {
    throw new Error(`Stage "${stage}": set EMAIL_SENDER to a verified SES identity (e.g. noreply@your-domain).`);
  }

  return {
    siteUrl,
    siteDomain,
    siteHostedZone,
    emailSender,
    emailSenderAddress: bareAddress(emailSender),
    buildVersion: blankToUndefined(env.BUILD_VERSION) ?? pkg.version,
  };
}

function blankToUndefined(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** CORS origins and cookie scope compare exact origins: strip any path or trailing slash. */
function toOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`SITE_URL "${value}" is not an absolute URL.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new Error(`SITE_URL "${value}" must be http(s).`);
  }
  return url.origin;
}

/** "Aftersales <noreply@x.com>" → "noreply@x.com". */
function bareAddress(sender: string): string {
  const address = (sender.match(/<([^>]+)>/)?.[1] ?? sender).trim();
  if (!/^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$/.test(address)) {
    throw new Error(`EMAIL_SENDER "${sender}" is not an email address.`);
  }
  return address;
}
