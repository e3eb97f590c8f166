import { Fn } from "aws-cdk-lib";
import {
  AllowedMethods,
  CachePolicy,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from "aws-cdk-lib/aws-cloudfront";
import { HttpOrigin } from "aws-cdk-lib/aws-cloudfront-origins";
import { StaticSite, use, type StackContext } from "sst/constructs";
import { Api } from "./Api";
import { stageParams } from "./params";

/**
 * The Astro site on S3 + CloudFront, with /api/* forwarded to the HTTP API on the same
 * distribution: the session cookie is first-party and the portal needs no CORS.
 */
export function Web({ stack, app }: StackContext) {
  const { api } = use(Api);
  const { siteDomain, siteHostedZone } = stageParams(app.stage);

  const apiOrigin = new HttpOrigin(Fn.parseDomainName(api.url), {
    protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
    originSslProtocols: [OriginSslPolicy.TLS_V1_2],
  });

  const site = new StaticSite(stack, "site", {
    path: "web",
    buildCommand: "npm run build",
    buildOutput: "dist",
    customDomain: siteDomain ? { domainName: siteDomain, hostedZone: siteHostedZone ?? siteDomain } : undefined,
    cdk: {
      distribution: {
        // CloudFront error responses apply to every behavior: SST's default (403/404 → index.html
        // with 200) would turn the API's JSON 403/404 errors into HTML 200s. No SPA fallback.
        errorResponses: [],
        defaultBehavior: {
          responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
        },
        additionalBehaviors: {
          "/api/*": {
            origin: apiOrigin,
            viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
            allowedMethods: AllowedMethods.ALLOW_ALL,
            cachePolicy: CachePolicy.CACHING_DISABLED,
            // API Gateway routes on its own Host header; everything else (cookies, query) passes.
            originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
            responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
            compress: false,
          },
        },
      },
    },
  });

  stack.addOutputs({ SiteUrl: site.customDomainUrl ?? site.url ?? "" });

  return { site };
}
