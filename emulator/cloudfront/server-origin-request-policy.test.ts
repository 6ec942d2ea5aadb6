/**
 * CloudFront's own headers on the origin request follow the behavior's origin request policy
 * (CloudFront API reference, OriginRequestPolicyHeadersConfig, read 2026-12-07): `allExcept` gives
 * viewer headers only, so Managed-AllViewerExceptHostHeader (`allExcept [host]`) adds none; a policy
 * that lists CloudFront headers gets them (developer guide, "Adding CloudFront request headers").
 */
import { describe, expect, it } from "vitest";
import type { OriginRequestPolicy, StackConfig } from "../config/types.js";
import { installCloudFrontHarness, origin, startCloudFront } from "./test-support/cloudfront-harness.js";
import { viewerRequest } from "./test-support/viewer-client.js";

installCloudFrontHarness();

const cloudFrontNames = (headers: Record<string, unknown> | undefined) =>
  Object.keys(headers ?? {}).filter((name) => name.startsWith("cloudfront-"));

/** A module-defined policy in place of the managed one, as the Terraform reader gives it. */
function withPolicy(policy: Partial<OriginRequestPolicy>): (config: StackConfig) => void {
  return (config) => {
    config.cloudfront.originRequestPolicyId = "module:api";
    config.cloudfront.originRequestPolicy = {
      name: "api",
      headerBehavior: "whitelist",
      headers: [],
      cookieBehavior: "all",
      queryStringBehavior: "all",
      ...policy,
    };
  };
}

describe("under Managed-AllViewerExceptHostHeader (allExcept [host], the module's policy)", () => {
  it("adds no CloudFront-* header, only Via; a viewer's own CloudFront-* header is a viewer header like any", async () => {
    const url = await startCloudFront();
    const response = await viewerRequest(url, { headers: { "user-agent": "curl/8.5.0" } });
    await viewerRequest(url, { headers: { "cloudfront-viewer-country": "FR" } });
    const [plain, spoofed] = origin.requests.map((r) => r.headers);
    expect(cloudFrontNames(plain)).toEqual([]);
    expect(plain?.via).toBe(response.headers.via);
    expect(plain?.via).toMatch(/^1\.1 [0-9a-f]{32}\.cloudfront\.net \(CloudFront\)$/);
    expect(spoofed?.["cloudfront-viewer-country"]).toBe("FR");
  });
});

describe("under a policy that asks for CloudFront headers (whitelist)", () => {
  const asking = withPolicy({
    headers: [
      "x-forwarded-authorization",
      "user-agent",
      "via",
      "CloudFront-Viewer-Address",
      "CloudFront-Forwarded-Proto",
      "CloudFront-Viewer-Http-Version",
      "CloudFront-Viewer-Country",
      "CloudFront-Is-Desktop-Viewer",
      "CloudFront-Is-Mobile-Viewer",
      "CloudFront-Is-IOS-Viewer",
    ],
  });

  it("adds exactly the listed CloudFront headers with the viewer's values, and only the listed viewer headers", async () => {
    const url = await startCloudFront(asking);
    await viewerRequest(url, {
      headers: { "user-agent": "curl/8.5.0", authorization: "Bearer t", "x-other": "1" },
    });
    const headers = origin.requests[0]?.headers ?? {};
    expect(cloudFrontNames(headers).sort()).toEqual([
      "cloudfront-forwarded-proto",
      "cloudfront-is-desktop-viewer",
      "cloudfront-is-ios-viewer",
      "cloudfront-is-mobile-viewer",
      "cloudfront-viewer-address",
      "cloudfront-viewer-country",
      "cloudfront-viewer-http-version",
    ]);
    expect(headers["cloudfront-viewer-address"]).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(headers["cloudfront-forwarded-proto"]).toBe("http");
    expect(headers["cloudfront-viewer-http-version"]).toBe("1.1");
    expect(headers["cloudfront-viewer-country"]).toBe("US");
    expect(headers["cloudfront-is-desktop-viewer"]).toBe("true");
    expect(headers["cloudfront-is-mobile-viewer"]).toBe("false");
    expect(headers["x-forwarded-authorization"]).toBe("Bearer t");
    expect(headers["x-other"]).toBeUndefined();
    expect(headers["user-agent"]).toBe("curl/8.5.0");
  });

  it("classes a phone as mobile, and overwrites CloudFront-* values a viewer sent itself", async () => {
    const url = await startCloudFront(asking);
    await viewerRequest(url, {
      headers: {
        "user-agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148",
        "cloudfront-is-desktop-viewer": "true",
        "cloudfront-viewer-address": "203.0.113.1:1",
        via: "1.1 corporate-proxy",
      },
    });
    const headers = origin.requests[0]?.headers ?? {};
    expect(headers["cloudfront-is-mobile-viewer"]).toBe("true");
    expect(headers["cloudfront-is-ios-viewer"]).toBe("true");
    expect(headers["cloudfront-is-desktop-viewer"]).toBe("false");
    expect(headers["cloudfront-viewer-address"]).toMatch(/^127\.0\.0\.1:/);
    expect(headers.via).toMatch(/^1\.1 corporate-proxy, 1\.1 [0-9a-f]{32}\.cloudfront\.net \(CloudFront\)$/);
  });
});

describe("policies the emulator does not reproduce are refused at start, naming them", () => {
  it.each<[string, Partial<OriginRequestPolicy>]>([
    [
      "allViewerAndWhitelistCloudFront (forwards the viewer's Host)",
      { headerBehavior: "allViewerAndWhitelistCloudFront" },
    ],
    ["allExcept without host", { headerBehavior: "allExcept", headers: ["authorization"] }],
    ["cookies none", { headerBehavior: "allExcept", headers: ["host"], cookieBehavior: "none" }],
  ])("%s", async (_name, policy) => {
    await expect(startCloudFront(withPolicy(policy))).rejects.toThrow(
      /^Origin request policy api .* is not emulated by the local cloudfront/,
    );
  });
});
