import { describe, expect, it } from "vitest";
import {
  allHeaderValues,
  chatbotPost,
  freshToken,
  installCloudFrontHarness,
  origin,
  startCloudFront,
  withoutFunction,
} from "./test-support/cloudfront-harness.js";
import { viewerRequest } from "./test-support/viewer-client.js";

installCloudFrontHarness();

describe("OAC signing behaviours, end to end (API_OriginAccessControlConfig)", () => {
  it("always: the origin receives a valid SigV4 signature over the viewer's body hash", async () => {
    const now = Date.UTC(2026, 10, 25, 13, 0, 0);
    const url = await startCloudFront(() => {}, { clock: () => now });
    const response = await viewerRequest(url, chatbotPost(freshToken()));
    expect(response.status).toBe(200);
    const [received] = origin.requests;
    expect(received?.signature).toBe("valid");
    expect(received?.signedHeaders).toEqual(["host", "x-amz-content-sha256", "x-amz-date"]);
    expect(received?.payloadHashMatches).toBe(true);
    expect(received?.headers["x-amz-date"]).toBe("20261125T130000Z");
    expect(received?.body.toString()).toBe(JSON.stringify({ query: "why?" }));
  });

  it("always, without the CloudFront Function: the viewer's Authorization never reaches the origin", async () => {
    const url = await startCloudFront(withoutFunction);
    const token = freshToken();
    await viewerRequest(url, chatbotPost(token));
    const [received] = origin.requests;
    expect(received?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 /);
    expect(allHeaderValues(received?.rawHeaders ?? []).some((value) => value.includes(token))).toBe(false);
  });

  it("always, with forward-authorization.js: the token arrives in x-forwarded-authorization (design 1)", async () => {
    const url = await startCloudFront();
    const token = freshToken();
    await viewerRequest(url, chatbotPost(token));
    const [received] = origin.requests;
    expect(received?.signature).toBe("valid");
    expect(received?.headers["x-forwarded-authorization"]).toBe(`Bearer ${token}`);
  });

  it("no-override: a viewer Authorization is passed on unsigned", async () => {
    const url = await startCloudFront((c) => {
      if (c.cloudfront.oac) c.cloudfront.oac.signingBehavior = "no-override";
    });
    const token = freshToken();
    await viewerRequest(url, chatbotPost(token));
    const [received] = origin.requests;
    expect(received?.signature).toBe("unsigned");
    expect(received?.headers.authorization).toBe(`Bearer ${token}`);
  });

  it("no-override: without a viewer Authorization the request is signed", async () => {
    const url = await startCloudFront((c) => {
      if (c.cloudfront.oac) c.cloudfront.oac.signingBehavior = "no-override";
    });
    await viewerRequest(url, { path: "/chatbot?x=1" });
    expect(origin.requests[0]?.signature).toBe("valid");
  });

  it("never: nothing is signed", async () => {
    const url = await startCloudFront((c) => {
      if (c.cloudfront.oac) c.cloudfront.oac.signingBehavior = "never";
    });
    await viewerRequest(url, chatbotPost(freshToken()));
    expect(origin.requests[0]?.signature).toBe("unsigned");
    expect(origin.requests[0]?.headers["x-amz-date"]).toBeUndefined();
  });

  it("Assumption: a body without the viewer's x-amz-content-sha256 is signed with the empty hash, which does not match", async () => {
    const url = await startCloudFront();
    await viewerRequest(url, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    const [received] = origin.requests;
    expect(received?.signature).toBe("valid");
    expect(received?.payloadHashMatches).toBe(false);
  });

  it("signs the query string the origin receives", async () => {
    const url = await startCloudFront();
    await viewerRequest(url, { path: "/chatbot?b=2&a=hello%20world&a=x" });
    expect(origin.requests[0]?.url).toBe("/chatbot?b=2&a=hello%20world&a=x");
    expect(origin.requests[0]?.signature).toBe("valid");
  });
});
