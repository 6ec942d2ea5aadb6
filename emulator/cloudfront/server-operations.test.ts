import http from "node:http";
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

describe("operations", () => {
  it("logs one line per request without the viewer's token or the signature", async () => {
    const lines: string[] = [];
    const url = await startCloudFront(() => {}, { log: (line) => lines.push(line) });
    const token = freshToken();
    await viewerRequest(url, chatbotPost(token));
    const signature = /Signature=([0-9a-f]+)/.exec(String(origin.requests[0]?.headers.authorization))?.[1];
    expect(lines).toHaveLength(1);
    // With the compute utilization of the CloudFront Function's run (edge-functions-restrictions).
    expect(lines[0]).toMatch(
      /^POST \/chatbot -> 200 \d+ms cf-id=\S+ \(function cu=\d{1,3}\) \(oac signed\)$/,
    );
    expect(lines.join("\n")).not.toContain(token);
    expect(signature && lines.join("\n").includes(signature)).toBe(false);
  });

  it("a viewer that disconnects mid-stream stops the origin request, logged as the viewer leaving", async () => {
    const lines: string[] = [];
    let originClosed: () => void = () => {};
    const closed = new Promise<void>((resolve) => {
      originClosed = resolve;
    });
    origin.respond((_req, res) => {
      res.writeHead(200);
      res.write("first");
      res.on("close", () => originClosed());
    });
    const url = await startCloudFront(() => {}, { log: (line) => lines.push(line) });
    await new Promise<void>((resolve, reject) => {
      const target = new URL("/chatbot", url);
      const req = http.get(
        { host: target.hostname, port: target.port, path: target.pathname, agent: false },
        (res) => {
          res.once("data", () => {
            req.destroy();
            resolve();
          });
        },
      );
      req.on("error", reject);
    });
    const outcome = await Promise.race([
      closed.then(() => "origin closed"),
      new Promise((resolve) => setTimeout(() => resolve("still open"), 3000)),
    ]);
    expect(outcome).toBe("origin closed");
    // Not "cut": CloudFront did not cut anything, the viewer left (the inspector shows no failure).
    await expect.poll(() => lines.join("\n")).toMatch(/^GET \/chatbot -> viewer-gone \d+ms/m);
  });
});

describe("emulator health", () => {
  it("GET /__emulator/health answers locally and is never forwarded", async () => {
    const url = await startCloudFront();
    const response = await viewerRequest(url, { path: "/__emulator/health" });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ status: "ok", service: "cloudfront" });
    expect(origin.requests).toHaveLength(0);
  });
});

describe("an emulator fault", () => {
  it("answers a bare 500 without the fault's text, logs its stack, and the distribution keeps serving", async () => {
    const lines: string[] = [];
    // OAC signs with the clock: a clock that fails is a fault inside CloudFront itself.
    const clock = () => {
      throw new Error("clock stopped: secret detail");
    };
    const url = await startCloudFront(() => {}, { log: (line) => lines.push(line), clock });
    const response = await viewerRequest(url, chatbotPost(freshToken()));
    expect(response.status).toBe(500);
    expect(response.body).toBe("");
    expect(origin.requests).toHaveLength(0);
    expect(lines.join("\n")).toMatch(/internal error: Error: clock stopped: secret detail\n\s+at /);
    expect((await viewerRequest(url, { path: "/__emulator/health" })).status).toBe(200);
  });
});
