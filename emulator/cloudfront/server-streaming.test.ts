import type { AddressInfo } from "node:net";
import net from "node:net";
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../config/defaults.js";
import { cloudFrontOptionsFrom, createCloudFrontServer } from "./server.js";
import {
  installCloudFrontHarness,
  origin,
  running,
  startCloudFront,
} from "./test-support/cloudfront-harness.js";
import { viewerRequest } from "./test-support/viewer-client.js";

installCloudFrontHarness();

describe("streaming and origin failures", () => {
  it("passes chunks through as they arrive: the first chunk reaches the viewer before the origin sends the last", async () => {
    let firstChunkSeen: () => void = () => {};
    const seen = new Promise<void>((resolve) => {
      firstChunkSeen = resolve;
    });
    let lastSentAt = 0;
    origin.respond((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write('data: {"chunk":"Hello"}\n\n');
      // The origin holds the rest until the viewer has the first chunk (bounded: 5 s at most).
      const fallback = setTimeout(() => firstChunkSeen(), 5000);
      void seen.then(() => {
        clearTimeout(fallback);
        lastSentAt = Date.now();
        res.end("data: [DONE]\n\n");
      });
    });
    const url = await startCloudFront();
    let firstArrivedAt = 0;
    const response = await viewerRequest(url, {
      onChunk: () => {
        if (firstArrivedAt === 0) {
          firstArrivedAt = Date.now();
          firstChunkSeen();
        }
      },
    });
    expect(response.complete).toBe(true);
    expect(response.body).toBe('data: {"chunk":"Hello"}\n\ndata: [DONE]\n\n');
    expect(firstArrivedAt).toBeGreaterThan(0);
    expect(firstArrivedAt).toBeLessThanOrEqual(lastSentAt);
  });

  it("origin silent past the read timeout before any byte: CloudFront's 504 page", async () => {
    origin.respond(() => {}); // never answers
    const url = await startCloudFront((c) => {
      c.cloudfront.originReadTimeoutSeconds = 1;
    });
    const started = Date.now();
    const response = await viewerRequest(url);
    expect(response.status).toBe(504);
    expect(response.body).toContain("<H1>504 Gateway Timeout ERROR</H1>");
    expect(response.headers["x-cache"]).toBe("Error from cloudfront");
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it("origin silent past the read timeout mid-stream: the viewer's stream is cut", async () => {
    origin.respond((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write("data: first\n\n"); // then silence
    });
    const url = await startCloudFront(() => {}, { originReadTimeoutMs: 300 });
    const response = await viewerRequest(url);
    expect(response.status).toBe(200);
    expect(response.body).toBe("data: first\n\n");
    expect(response.complete).toBe(false);
  });

  it("the read timeout applies between packets, not to the whole response", async () => {
    origin.respond((_req, res) => {
      res.writeHead(200);
      let sent = 0;
      const tick = setInterval(() => {
        res.write(`${sent}\n`);
        if (++sent === 8) {
          clearInterval(tick);
          res.end();
        }
      }, 200);
    });
    // 8 gaps of 200 ms: the whole response takes longer than the 1 s timeout, no single gap does.
    const url = await startCloudFront(() => {}, { originReadTimeoutMs: 1000 });
    const response = await viewerRequest(url);
    expect(response.complete).toBe(true);
    expect(response.body).toBe("0\n1\n2\n3\n4\n5\n6\n7\n");
  });

  it("origin closes the connection without answering: CloudFront's 502 page", async () => {
    // A listener that drops every connection; a closed port could be reused by another test process.
    const dropper = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => dropper.listen(0, "127.0.0.1", resolve));
    const port = (dropper.address() as AddressInfo).port;
    const server = createCloudFrontServer({
      ...cloudFrontOptionsFrom(defaultConfig()),
      origin: { host: "127.0.0.1", port },
    });
    running.push(server, { close: () => new Promise<void>((resolve) => dropper.close(() => resolve())) });
    const { url } = await server.listen(0, "127.0.0.1");
    const response = await viewerRequest(url);
    expect(response.status).toBe(502);
    expect(response.headers["x-cache"]).toBe("Error from cloudfront");
    expect(response.body).toContain("CloudFront wasn't able to connect to the origin.");
  });
});
