import { describe, expect, it } from "vitest";
import { installCloudFrontHarness, origin, startCloudFront } from "./test-support/cloudfront-harness.js";
import { viewerRequest } from "./test-support/viewer-client.js";

installCloudFrontHarness();

describe("viewer response (developer guide: response behaviour)", () => {
  it("adds Via, X-Cache: Miss from cloudfront, X-Amz-Cf-Pop and X-Amz-Cf-Id; removes Trailer", async () => {
    origin.respond((_req, res) => {
      res.writeHead(201, { "content-type": "text/plain", trailer: "x-checksum", "x-origin": "1" });
      res.write("body");
      res.addTrailers({ "x-checksum": "abc" });
      res.end();
    });
    const url = await startCloudFront();
    const response = await viewerRequest(url);
    expect(response.status).toBe(201);
    expect(response.body).toBe("body");
    expect(response.headers.via).toMatch(/^1\.1 [0-9a-f]{32}\.cloudfront\.net \(CloudFront\)$/);
    expect(response.headers["x-cache"]).toBe("Miss from cloudfront");
    expect(response.headers["x-amz-cf-pop"]).toBe("LOC50-C1");
    expect(response.headers["x-amz-cf-id"]).toMatch(/==$/);
    expect(response.headers["x-origin"]).toBe("1");
    expect(response.headers.trailer).toBeUndefined();
  });
});
