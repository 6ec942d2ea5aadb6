/**
 * Shared setup for the `server-*.test.ts` files: one recording origin per test file, CloudFront
 * servers started in front of it and closed after each test, and the viewer requests they send.
 * Call `installCloudFrontHarness()` once at the top of a test file to register its hooks.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { defaultConfig } from "../../config/defaults.js";
import type { StackConfig } from "../../config/types.js";
import { bearer, viewerHeaders } from "../../stack/viewer-request.js";
import { type CloudFrontServerOptions, cloudFrontOptionsFrom, createCloudFrontServer } from "../server.js";
import { type RecordingOrigin, startRecordingOrigin } from "./recording-origin.js";

export const base = defaultConfig();

/** Everything closed after each test: the CloudFront servers, and whatever a test adds itself. */
export const running: { close(): Promise<void> }[] = [];

let recording: RecordingOrigin | undefined;
let functionDir: string | undefined;

function current(): RecordingOrigin {
  if (!recording) throw new Error("the recording origin is not running: call installCloudFrontHarness()");
  return recording;
}

/** The file's recording origin (started in `beforeAll`); its requests are cleared before each test. */
export const origin: Pick<RecordingOrigin, "port" | "requests" | "respond"> = {
  get port() {
    return current().port;
  },
  get requests() {
    return current().requests;
  },
  respond(responder) {
    current().respond(responder);
  },
};

export function installCloudFrontHarness(): void {
  beforeAll(async () => {
    recording = await startRecordingOrigin({ credentials: base.credentials.cloudfront, region: base.region });
  });
  afterAll(async () => {
    await recording?.close();
    recording = undefined;
    if (functionDir) rmSync(functionDir, { recursive: true, force: true });
    functionDir = undefined;
  });
  beforeEach(() => {
    origin.requests.length = 0;
    origin.respond((_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("ok");
    });
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((server) => server.close()));
  });
}

/** Starts CloudFront in front of the recording origin; `change` edits a copy of the default config. */
export async function startCloudFront(
  change: (config: StackConfig) => void = () => {},
  options: Partial<CloudFrontServerOptions> = {},
): Promise<string> {
  const config = defaultConfig();
  change(config);
  const server = createCloudFrontServer({
    ...cloudFrontOptionsFrom(config),
    origin: { host: "127.0.0.1", port: origin.port },
    ...options,
  });
  running.push(server);
  const { url } = await server.listen(0, "127.0.0.1");
  return url;
}

export function withFunction(code: string): (config: StackConfig) => void {
  functionDir ??= mkdtempSync(path.join(tmpdir(), "cf-server-"));
  const file = path.join(functionDir, `fn-${randomBytes(4).toString("hex")}.js`);
  writeFileSync(file, code);
  return (config) => {
    config.cloudfront.viewerRequestFunction = { name: "test-fn", file, runtime: "cloudfront-js-2.0" };
  };
}

export const withoutFunction = (config: StackConfig) => {
  config.cloudfront.viewerRequestFunction = undefined;
};

export function chatbotPost(token: string, body = JSON.stringify({ query: "why?" })) {
  return {
    method: "POST",
    headers: viewerHeaders(body, bearer(token)),
    body,
  };
}

export const freshToken = () => randomBytes(24).toString("base64url");
export const allHeaderValues = (raw: string[]) => raw.filter((_, i) => i % 2 === 1);
