import { describe, expect, it } from "vitest";
import {
  chatbotPost,
  freshToken,
  installCloudFrontHarness,
  origin,
  startCloudFront,
} from "./test-support/cloudfront-harness.js";
import { viewerRequest } from "./test-support/viewer-client.js";

installCloudFrontHarness();

describe("methods (API_AllowedMethods; platform-facts: allowed methods, 403 HTML error page)", () => {
  it("a method outside the allowed set gets CloudFront's 403 page and never reaches the origin", async () => {
    const url = await startCloudFront((c) => {
      c.cloudfront.allowedMethods = ["GET", "HEAD"];
    });
    const response = await viewerRequest(url, chatbotPost(freshToken()));
    expect(response.status).toBe(403);
    expect(response.headers["content-type"]).toBe("text/html");
    expect(response.headers["x-cache"]).toBe("Error from cloudfront");
    expect(response.body).toContain("<H1>403 ERROR</H1>");
    expect(response.body).toContain(
      "This distribution is not configured to allow the HTTP request method that was used for this request. The distribution supports only cachable requests.",
    );
    expect(response.body).toContain(`Request ID: ${response.headers["x-amz-cf-id"]}`);
    expect(origin.requests).toHaveLength(0);
  });

  it("a GET with a body is refused with 403", async () => {
    const url = await startCloudFront();
    const response = await viewerRequest(url, {
      method: "GET",
      body: "surprise",
      headers: { "content-length": "8" },
    });
    expect(response.status).toBe(403);
    expect(response.headers["x-cache"]).toBe("Error from cloudfront");
    expect(origin.requests).toHaveLength(0);
  });
});
