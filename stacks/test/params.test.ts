import { describe, expect, it } from "vitest";
import pkg from "../../package.json";
import { stageParams } from "../params";

describe("stage parameters", () => {
  it("defaults non-prod stages to an unresolvable site and a placeholder sender", () => {
    expect(stageParams("dev", {})).toEqual({
      siteUrl: "https://example.invalid",
      siteDomain: undefined,
      siteHostedZone: undefined,
      emailSender: "noreply@example.com",
      emailSenderAddress: "noreply@example.com",
      buildVersion: pkg.version,
    });
  });

  it("refuses a prod deploy without a real site origin or sender", () => {
    expect(() => stageParams("prod", { EMAIL_SENDER: "noreply@x.com" })).toThrow(/SITE_URL/);
    expect(() => stageParams("prod", { SITE_URL: "https://x.com" })).toThrow(/EMAIL_SENDER/);
    expect(() => stageParams("prod", { SITE_URL: " ", EMAIL_SENDER: "noreply@x.com" })).toThrow(/SITE_URL/);
  });

  it("takes the site origin from SITE_DOMAIN when SITE_URL is unset", () => {
    const params = stageParams("prod", { SITE_DOMAIN: "aftersales.example.com", EMAIL_SENDER: "noreply@example.com" });
    expect(params.siteUrl).toBe("https://aftersales.example.com");
    expect(params.siteDomain).toBe("aftersales.example.com");
  });

  it("reduces SITE_URL to an origin, as CORS compares origins exactly", () => {
    expect(stageParams("dev", { SITE_URL: "https://Example.com/portal/" }).siteUrl).toBe("https://example.com");
    expect(stageParams("dev", { SITE_URL: "http://localhost:3000/" }).siteUrl).toBe("http://localhost:3000");
    expect(() => stageParams("dev", { SITE_URL: "example.com" })).toThrow(/absolute URL/);
    expect(() => stageParams("dev", { SITE_URL: "ftp://example.com" })).toThrow(/http/);
  });

  it("accepts a sender with a display name and exposes its bare address", () => {
    const params = stageParams("dev", { EMAIL_SENDER: "售后服务 <service@aftersales.example.com>" });
    expect(params.emailSender).toBe("售后服务 <service@aftersales.example.com>");
    expect(params.emailSenderAddress).toBe("service@aftersales.example.com");
    expect(() => stageParams("dev", { EMAIL_SENDER: "not-an-address" })).toThrow(/EMAIL_SENDER/);
  });

  it("takes BUILD_VERSION from the environment when set", () => {
    expect(stageParams("dev", { BUILD_VERSION: "0.1.0+abc1234" }).buildVersion).toBe("0.1.0+abc1234");
  });
});
