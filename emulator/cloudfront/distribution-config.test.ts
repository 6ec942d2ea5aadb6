import { describe, expect, it } from "vitest";
import { defaultConfig } from "../config/defaults.js";
import type { HttpMethod, StackConfig } from "../config/types.js";
import { CloudFrontConfigError, CloudFrontNotEmulatedError } from "./errors.js";
import { cloudFrontOptionsFrom, createCloudFrontServer } from "./server.js";

function configWith(change: (config: StackConfig) => void): StackConfig {
  const config = defaultConfig();
  change(config);
  return config;
}

const start = (config: StackConfig) => () => createCloudFrontServer(cloudFrontOptionsFrom(config));

describe("allowed and cached methods (CloudFront API reference, API_AllowedMethods)", () => {
  it.each<HttpMethod[]>([
    ["GET", "HEAD"],
    ["HEAD", "GET", "OPTIONS"],
    ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"],
  ])("accepts the valid allowed set %j in any order", (...methods) => {
    const config = configWith((c) => {
      c.cloudfront.allowedMethods = methods;
      c.cloudfront.cachedMethods = ["GET", "HEAD"];
    });
    expect(start(config)).not.toThrow();
  });

  it("refuses [POST,OPTIONS] at start, quoting CloudFront's rule (design: seed set is invalid)", () => {
    const config = configWith((c) => {
      c.cloudfront.allowedMethods = ["POST", "OPTIONS"];
    });
    expect(start(config)).toThrow(CloudFrontConfigError);
    expect(start(config)).toThrow(
      "Invalid allowed methods [POST,OPTIONS]: AllowedMethods must be exactly [GET,HEAD], [GET,HEAD,OPTIONS] or [GET,HEAD,OPTIONS,PUT,PATCH,POST,DELETE].",
    );
  });

  it("refuses a cached set other than [GET,HEAD] or [GET,HEAD,OPTIONS]", () => {
    const config = configWith((c) => {
      c.cloudfront.cachedMethods = ["GET", "HEAD", "POST"];
    });
    expect(start(config)).toThrow(
      "Invalid cached methods [GET,HEAD,POST]: CachedMethods must be exactly [GET,HEAD] or [GET,HEAD,OPTIONS].",
    );
  });

  it("refuses cached methods that are not allowed (Assumption)", () => {
    const config = configWith((c) => {
      c.cloudfront.allowedMethods = ["GET", "HEAD"];
      c.cloudfront.cachedMethods = ["GET", "HEAD", "OPTIONS"];
    });
    expect(start(config)).toThrow(/\[OPTIONS\] not in allowed methods \[GET,HEAD\]/);
  });
});

describe("settings the emulator does not reproduce are refused as not emulated", () => {
  it("a cache policy other than CachingDisabled", () => {
    const config = configWith((c) => {
      c.cloudfront.cachePolicyId = "658327ea-f89d-4fab-a63d-7e88639e58f6"; // CachingOptimized
    });
    expect(start(config)).toThrow(CloudFrontNotEmulatedError);
    expect(start(config)).toThrow(/Cache policy 658327ea-f89d-4fab-a63d-7e88639e58f6 is not emulated/);
  });

  it("a managed origin request policy the emulator does not know", () => {
    const config = configWith((c) => {
      c.cloudfront.originRequestPolicyId = "33f36d7e-f396-46d9-90e0-52428a34d9dc"; // AllViewerAndCloudFrontHeaders-2022-06
    });
    expect(start(config)).toThrow(CloudFrontNotEmulatedError);
    expect(start(config)).toThrow(
      /Origin request policy 33f36d7e-f396-46d9-90e0-52428a34d9dc is not emulated/,
    );
  });

  it("Managed-AllViewer, which forwards the viewer's Host to the Function URL", () => {
    const config = configWith((c) => {
      c.cloudfront.originRequestPolicyId = "216adef6-5c7f-47e4-b989-5492eafa07d3";
    });
    expect(start(config)).toThrow(
      "Origin request policy Managed-AllViewer forwarding the viewer's Host header to a Function URL origin is not emulated by the local cloudfront (emulator/cloudfront). Only policies that leave Host out (as AllViewerExceptHostHeader does) are.",
    );
  });

  it("OAC signing behavior always-amz-auth: accepted by the API (aws-sdk-java-v2 CHANGELOG 2.55.10), its signing undocumented", () => {
    const config = configWith((c) => {
      if (c.cloudfront.oac) c.cloudfront.oac.signingBehavior = "always-amz-auth";
    });
    expect(start(config)).toThrow(CloudFrontNotEmulatedError);
    expect(start(config)).toThrow(
      "OAC signing behavior always-amz-auth is not emulated by the local cloudfront (emulator/cloudfront). Only always, no-override and never are.",
    );
  });

  it("a CloudFront Function runtime other than cloudfront-js-2.0", () => {
    const config = configWith((c) => {
      if (c.cloudfront.viewerRequestFunction)
        c.cloudfront.viewerRequestFunction.runtime = "cloudfront-js-1.0";
    });
    expect(start(config)).toThrow(
      "CloudFront Function runtime cloudfront-js-1.0 is not emulated by the local cloudfront (emulator/cloudfront). Only cloudfront-js-2.0 is.",
    );
  });
});

describe("other distribution settings", () => {
  it("refuses an origin read timeout outside 1-180 s (developer guide: origin response timeout)", () => {
    const config = configWith((c) => {
      c.cloudfront.originReadTimeoutSeconds = 0;
    });
    expect(start(config)).toThrow(/Invalid origin read timeout 0/);
  });

  it("fails start naming the function file when the CloudFront Function does not exist", () => {
    const config = configWith((c) => {
      if (c.cloudfront.viewerRequestFunction) c.cloudfront.viewerRequestFunction.file = "/nonexistent/fn.js";
    });
    expect(start(config)).toThrow(/cannot read \/nonexistent\/fn\.js/);
  });
});
