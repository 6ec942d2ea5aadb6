/**
 * A small origin for tests: records what CloudFront sends it and checks the SigV4 signature by
 * recomputing it with AWS's own signer (`@smithy/signature-v4`). It is not the Function URL emulator.
 */
import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { type SigningCredentials, signRequest } from "../../aws/sigv4-sign.js";
import { parseAmzDate } from "../../aws/sigv4-time.js";

export interface RecordedRequest {
  method: string;
  url: string;
  /** Lower-case names; repeated headers joined with ", " by Node. */
  headers: http.IncomingHttpHeaders;
  rawHeaders: string[];
  body: Buffer;
  /** `unsigned`: no SigV4 Authorization; `valid` / `invalid`: recomputed signature matches or not. */
  signature: "unsigned" | "valid" | "invalid";
  signedHeaders: string[];
  /** Whether `x-amz-content-sha256` equals the SHA-256 of the body received. */
  payloadHashMatches: boolean;
}

export type Responder = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  recorded: RecordedRequest,
) => void;

export interface RecordingOrigin {
  port: number;
  requests: RecordedRequest[];
  /** Replaces how the origin answers (default: 200 `ok`). */
  respond(responder: Responder): void;
  close(): Promise<void>;
}

const AUTH_PATTERN =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/;

async function verify(
  req: http.IncomingMessage,
  credentials: SigningCredentials,
  region: string,
): Promise<{ verdict: RecordedRequest["signature"]; signedHeaders: string[] }> {
  const auth = req.headers.authorization;
  const match = auth ? AUTH_PATTERN.exec(auth) : null;
  if (!auth || !match) return { verdict: "unsigned", signedHeaders: [] };
  const signedHeaders = (match[5] as string).split(";");
  if (match[1] !== credentials.accessKeyId || match[3] !== region || match[4] !== "lambda") {
    return { verdict: "invalid", signedHeaders };
  }
  const signingMs = parseAmzDate(String(req.headers["x-amz-date"]));
  if (signingMs === undefined) return { verdict: "invalid", signedHeaders };
  const url = req.url ?? "/";
  const at = url.indexOf("?");
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) headers[name] = String(req.headers[name] ?? "");
  const token = req.headers["x-amz-security-token"] as string | undefined;
  const expected = await signRequest(
    {
      method: req.method ?? "GET",
      host: String(req.headers.host),
      path: at === -1 ? url : url.slice(0, at),
      rawQuery: at === -1 ? "" : url.slice(at + 1),
      headers,
    },
    {
      // The token the request carries, not one configured here: a missing token must not verify.
      credentials: { ...credentials, sessionToken: token },
      region,
      service: "lambda",
      signingDate: new Date(signingMs),
    },
  );
  return { verdict: expected.authorization === auth ? "valid" : "invalid", signedHeaders };
}

export async function startRecordingOrigin(options: {
  credentials: SigningCredentials;
  region: string;
}): Promise<RecordingOrigin> {
  const requests: RecordedRequest[] = [];
  let responder: Responder = (_req, res) => {
    res.writeHead(200, { "content-type": "text/plain" });
    res.end("ok");
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      const body = Buffer.concat(chunks);
      const { verdict, signedHeaders } = await verify(req, options.credentials, options.region);
      const recorded: RecordedRequest = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        rawHeaders: req.rawHeaders,
        body,
        signature: verdict,
        signedHeaders,
        // node:crypto, not the emulator's sha256Hex: this origin checks the emulator's OAC from outside.
        payloadHashMatches:
          req.headers["x-amz-content-sha256"] === createHash("sha256").update(body).digest("hex"),
      };
      requests.push(recorded);
      res.socket?.setNoDelay(true);
      responder(req, res, recorded);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    respond(next) {
      responder = next;
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
