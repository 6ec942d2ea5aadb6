/**
 * Ordered cache behaviours as CloudFront applies them (developer guide, "Path pattern"): in order, the
 * first match wins, `Default (*)` last; each with its own methods, CloudFront Function, origin (another
 * function's URL) and OAC; and a second distribution on the same listener, by Host.
 */
import { describe, expect, it } from "vitest";
import type { OrderedCacheBehaviorConfig, StackConfig } from "../config/types.js";
import { CloudFrontConfigError } from "./errors.js";
import {
  base,
  installCloudFrontHarness,
  origin,
  startCloudFront,
  withFunction,
} from "./test-support/cloudfront-harness.js";
import { viewerRequest } from "./test-support/viewer-client.js";

installCloudFrontHarness();

const REPORTS_DOMAIN = "reportsurlid.lambda-url.us-east-1.on.aws";
const DEFAULT_DOMAIN = `${base.functionUrl.urlId}.lambda-url.us-east-1.on.aws`;
const TAG_FUNCTION = `function handler(event) {
  event.request.headers["x-tagged"] = { value: "yes" };
  return event.request;
}`;

/** `/reports/*` to the reports function's URL, unsigned, GET/HEAD only; `/files/?.txt` to the default origin. */
function behaviors(config: StackConfig): OrderedCacheBehaviorConfig[] {
  const {
    orderedBehaviors: _none,
    distributionId: _id,
    domainName: _d,
    host: _h,
    port: _p,
    ...rest
  } = config.cloudfront;
  return [
    {
      ...rest,
      pathPattern: "/reports/*",
      allowedMethods: ["GET", "HEAD"],
      viewerRequestFunction: undefined,
      originFunction: "reports",
      oac: undefined,
    },
    { ...rest, pathPattern: "files/?.txt", viewerRequestFunction: undefined },
  ];
}

const start = (change: (c: StackConfig) => void = () => {}) =>
  startCloudFront(
    (c) => {
      withFunction(TAG_FUNCTION)(c);
      c.cloudfront.orderedBehaviors = behaviors(c);
      change(c);
    },
    { originDomains: { [base.functionUrl.functionName]: DEFAULT_DOMAIN, reports: REPORTS_DOMAIN } },
  );

describe("ordered cache behaviours", () => {
  it("the first matching pattern picks the origin: the reports function's URL, unsigned", async () => {
    const url = await start();
    const response = await viewerRequest(url, { path: "/reports/2026/q4?x=1" });
    expect(response.status).toBe(200);
    const [sent] = origin.requests;
    expect(sent?.headers.host).toBe(REPORTS_DOMAIN);
    expect(sent?.url).toBe("/reports/2026/q4?x=1");
    expect(sent?.signature).toBe("unsigned");
    // The CloudFront Function is the default behaviour's only.
    expect(sent?.headers["x-tagged"]).toBeUndefined();
  });

  it("a path no pattern matches takes Default (*): its origin, its OAC, its function", async () => {
    const url = await start();
    await viewerRequest(url, { path: "/Reports/x" }); // patterns are case-sensitive
    const [sent] = origin.requests;
    expect(sent?.headers.host).toBe(DEFAULT_DOMAIN);
    expect(sent?.signature).toBe("valid");
    expect(sent?.headers["x-tagged"]).toBe("yes");
  });

  it("? matches exactly one character", async () => {
    const url = await start();
    await viewerRequest(url, { path: "/files/a.txt" });
    await viewerRequest(url, { path: "/files/ab.txt" });
    expect(origin.requests.map((r) => r.headers["x-tagged"])).toEqual([undefined, "yes"]);
  });

  it("each behaviour has its own allowed methods: POST to /reports/* is refused with the 403 page", async () => {
    const url = await start();
    const refused = await viewerRequest(url, { path: "/reports/x", method: "POST", body: "{}" });
    expect(refused.status).toBe(403);
    expect(refused.headers["x-cache"]).toBe("Error from cloudfront");
    const allowed = await viewerRequest(url, { path: "/other", method: "POST", body: "{}" });
    expect(allowed.status).toBe(200);
    expect(origin.requests).toHaveLength(1);
  });

  it("refuses at start a behaviour whose origin is a function the stack does not run", async () => {
    await expect(
      start((c) => {
        const [first] = c.cloudfront.orderedBehaviors ?? [];
        if (first) first.originFunction = "missing";
      }),
    ).rejects.toThrow(/function missing, which the stack does not run/);
  });

  it("refuses at start a path pattern the API refuses, naming it", async () => {
    await expect(
      start((c) => {
        const [first] = c.cloudfront.orderedBehaviors ?? [];
        if (first) first.pathPattern = "/reports/{id}";
      }),
    ).rejects.toThrow(CloudFrontConfigError);
  });
});

describe("a second distribution on the same listener", () => {
  it("answers to its own domain as Host; any other Host reaches the first", async () => {
    const url = await startCloudFront((c) => {
      const { host: _h, port: _p, ...first } = structuredClone(c.cloudfront);
      c.distributions = {
        admin: {
          ...first,
          distributionId: "EADMIN",
          domainName: "dadmin.cloudfront.net",
          allowedMethods: ["GET", "HEAD"],
        },
      };
    });
    const viaHost = await viewerRequest(url, {
      path: "/x",
      method: "POST",
      body: "{}",
      headers: { host: "dadmin.cloudfront.net" },
    });
    expect(viaHost.status).toBe(403);
    const first = await viewerRequest(url, { path: "/x", method: "POST", body: "{}" });
    expect(first.status).toBe(200);
  });
});
