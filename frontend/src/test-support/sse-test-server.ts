/**
 * A tiny scriptable HTTP server on 127.0.0.1 (ephemeral port) for the client's tests: each test
 * sets the handler, and the server records what it received and when each request's socket closed.
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
  /** Lowercase hex SHA-256 of the raw body bytes, computed independently with node:crypto. */
  bodySha256: string;
  /** Resolves when the client's connection for this request closes. */
  closed: Promise<void>;
}

export type TestHandler = (req: IncomingMessage, res: ServerResponse, received: ReceivedRequest) => void;

export interface SseTestServer {
  url: string;
  requests: ReceivedRequest[];
  setHandler(handler: TestHandler): void;
  close(): Promise<void>;
}

export const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache",
  "x-request-id": "req-test-1",
} as const;

export async function startSseTestServer(): Promise<SseTestServer> {
  let handler: TestHandler = (_req, res) => res.writeHead(500).end();
  const requests: ReceivedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const parts: Buffer[] = [];
    const closed = new Promise<void>((resolve) => res.on("close", () => resolve()));
    req.on("data", (part: Buffer) => parts.push(part));
    req.on("end", () => {
      const raw = Buffer.concat(parts);
      const received: ReceivedRequest = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: raw.toString("utf8"),
        bodySha256: createHash("sha256").update(raw).digest("hex"),
        closed,
      };
      requests.push(received);
      handler(req, res, received);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/chatbot`,
    requests,
    setHandler(next) {
      handler = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Writes `pieces` one by one, each in its own macrotask so they tend to arrive as separate reads. */
export async function writeSlowly(
  res: ServerResponse,
  pieces: (string | Uint8Array)[],
  delayMs = 1,
): Promise<void> {
  for (const piece of pieces) {
    if (res.destroyed) return;
    res.write(piece);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
}
