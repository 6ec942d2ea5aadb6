/**
 * Test support: a stack config pointing at the fixture handlers with run-time generated keys, a
 * server on an ephemeral loopback port, and a raw HTTP client that signs with the AWS SDK's signer and
 * records when each body chunk arrived.
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sha256Hex } from "../../aws/sigv4-canonical.js";
import { signRequest } from "../../aws/sigv4-sign.js";
import { defaultConfig, functionUrlDomain } from "../../config/defaults.js";
import type { LocalCredential, StackConfig } from "../../config/types.js";
import { createFunctionUrlServer, type FunctionUrlServer, type FunctionUrlServerOptions } from "../server.js";

/** The handler and data files the tests load. */
export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures");

function randomSecret(): string {
  return randomBytes(30)
    .toString("base64")
    .replace(/[^A-Za-z0-9]/g, "")
    .slice(0, 40);
}

function randomKeyId(prefix: string): string {
  return `${prefix}${randomBytes(8).toString("hex").toUpperCase()}`.slice(0, 20);
}

/**
 * A lone Function URL's configuration: the pinned defaults (not the Terraform module, unlike the whole
 * stack's `testConfig()` in test/test-support/test-stack.ts), the fixture handler, a short timeout, and
 * credentials generated now. `edit` changes the copy in place (whole objects may be replaced).
 */
export function fixtureHandlerConfig(edit?: (c: StackConfig) => void): StackConfig {
  const config = defaultConfig();
  config.functionUrl.sourceEntry = path.join(FIXTURES, "streaming-handlers.ts");
  config.functionUrl.useBundle = false;
  config.functionUrl.timeoutSeconds = 3;
  config.functionUrl.maxContainers = 4;
  config.functionUrl.delivery.mode = "immediate";
  // The fast runtime by default; the conformance suite runs both.
  config.functionUrl.containerRuntime = "worker";
  config.credentials.cloudfront = {
    ...config.credentials.cloudfront,
    accessKeyId: randomKeyId("AKIACF"),
    secretAccessKey: randomSecret(),
  };
  config.credentials.others = config.credentials.others.map((c) => ({
    ...c,
    accessKeyId: randomKeyId("AKIAOT"),
    secretAccessKey: randomSecret(),
  }));
  edit?.(config);
  return config;
}

export interface Running {
  server: FunctionUrlServer;
  port: number;
  domain: string;
  config: StackConfig;
  logs: string[];
}

export async function startFunctionUrl(
  config: StackConfig,
  extra: Partial<
    Pick<FunctionUrlServerOptions, "environment" | "clock" | "logLevel" | "debug" | "events">
  > = {},
): Promise<Running> {
  const logs: string[] = [];
  const server = createFunctionUrlServer({ config, log: (line) => logs.push(line), ...extra });
  const { port } = await server.listen(0, "127.0.0.1");
  return { server, port, domain: functionUrlDomain(config), config, logs };
}

export { sha256Hex } from "../../aws/sigv4-canonical.js";

export interface SignOptions {
  credential: LocalCredential;
  region?: string;
  service?: string;
  signingDate?: Date;
  /** False: sign without adding `x-amz-content-sha256` (as botocore, aws4 and aws4fetch do outside S3). */
  applyChecksum?: boolean;
}

/** Signs like any AWS SDK client (and like CloudFront OAC): AWS's own signer, through `emulator/aws/sigv4-sign.ts`. */
export async function signHeaders(
  req: {
    method: string;
    host: string;
    /** Path with an optional `?query`, as sent on the wire. */
    path: string;
    headers: Record<string, string>;
    body?: string | Uint8Array;
  },
  options: SignOptions,
): Promise<Record<string, string>> {
  const q = req.path.indexOf("?");
  return signRequest(
    {
      method: req.method,
      host: req.host,
      path: q >= 0 ? req.path.slice(0, q) : req.path,
      rawQuery: q >= 0 ? req.path.slice(q + 1) : "",
      headers: req.headers,
      ...(req.body !== undefined ? { body: req.body } : {}),
    },
    {
      credentials: options.credential,
      region: options.region ?? "us-east-1",
      service: options.service ?? "lambda",
      signingDate: options.signingDate ?? new Date(),
      applyChecksum: options.applyChecksum ?? true,
    },
  );
}

export interface Received {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** When the status line and headers arrived (ms since the request was sent; -1 if never). */
  headersAt: number;
  /** Body chunks with the time (ms since the request was sent) each arrived. */
  chunks: { at: number; text: string }[];
  /** False when the connection was cut before the final chunk. */
  complete: boolean;
}

/** A raw HTTP/1.1 request to the emulator, with the exact headers given (Host included). */
export function send(
  port: number,
  req: { method: string; path: string; headers: Record<string, string>; body?: string | Uint8Array },
  options: {
    onFirstChunk?: (r: http.IncomingMessage, socket: http.ClientRequest) => void;
    timeoutMs?: number;
  } = {},
): Promise<Received> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const request = http.request(
      { host: "127.0.0.1", port, method: req.method, path: req.path, headers: req.headers, agent: false },
      (res) => {
        const headersAt = performance.now() - started;
        const chunks: { at: number; text: string }[] = [];
        res.setEncoding("utf8");
        res.on("data", (text: string) => {
          chunks.push({ at: performance.now() - started, text });
          if (chunks.length === 1) options.onFirstChunk?.(res, request);
        });
        res.on("error", () => {});
        res.on("close", () => {
          clearTimeout(timer);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            headersAt,
            body: chunks.map((c) => c.text).join(""),
            chunks,
            complete: res.complete,
          });
        });
      },
    );
    const timer = setTimeout(
      () => request.destroy(new Error("test request timed out")),
      options.timeoutMs ?? 15_000,
    );
    request.on("error", (err) => {
      clearTimeout(timer);
      // A connection cut before any response (status 0) is a result tests assert on; a timeout is not.
      if (err.message === "test request timed out") reject(err);
      else resolve({ status: 0, headers: {}, headersAt: -1, body: "", chunks: [], complete: false });
    });
    request.end(req.body);
  });
}

/** A request signed by `credential` (default: the CloudFront principal) with a correct body hash. */
export async function sendSigned(
  running: Running,
  req: { method?: string; path: string; headers?: Record<string, string>; body?: string },
  sign: Partial<SignOptions> = {},
): Promise<Received> {
  const method = req.method ?? (req.body === undefined ? "GET" : "POST");
  const headers: Record<string, string> = { ...(req.headers ?? {}) };
  if (req.body !== undefined) headers["x-amz-content-sha256"] ??= sha256Hex(req.body);
  const signed = await signHeaders(
    { method, host: running.domain, path: req.path, headers, body: req.body },
    { credential: sign.credential ?? running.config.credentials.cloudfront, ...sign },
  );
  return send(running.port, { method, path: req.path, headers: signed, body: req.body });
}
