/**
 * A deliberately broken provider for the "contract bites" tests: a proxy in front of the real
 * emulated stack that changes one thing in its answers, the way a regression would.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export type Mutation =
  /** None: the control, so a failure can only come from the mutation. */
  | "none"
  /** What an SSE encoder that writes `{"text": ...}` instead of `{"chunk": ...}` would send. */
  | "rename-chunk"
  /** What a provider answering 403 where the pact says 401 would send. */
  | "401-becomes-403";

export interface MutantEdge {
  url: string;
  /** How many responses were actually changed. */
  mutated: number;
  close(): Promise<void>;
}

export async function startMutantEdge(target: string, mutation: Mutation): Promise<MutantEdge> {
  const edge: MutantEdge = { url: "", mutated: 0, close: async () => {} };
  const server = createServer(async (req, res) => {
    try {
      const parts: Buffer[] = [];
      for await (const part of req) parts.push(part as Buffer);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value === undefined || ["host", "connection", "content-length"].includes(name)) continue;
        headers.set(name, Array.isArray(value) ? value.join(", ") : value);
      }
      const upstream = await fetch(target + (req.url ?? "/"), {
        method: req.method ?? "GET",
        headers,
        body: req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(parts),
      });
      // The whole body: every answer here ends (the stub's stream is finite), and a rename must not
      // be split across two network chunks.
      let body = await upstream.text();
      let status = upstream.status;
      const contentType = upstream.headers.get("content-type") ?? "";
      if (
        mutation === "rename-chunk" &&
        contentType.startsWith("text/event-stream") &&
        body.includes('"chunk":')
      ) {
        body = body.replaceAll('{"chunk":', '{"text":');
        edge.mutated++;
      }
      if (mutation === "401-becomes-403" && status === 401) {
        status = 403;
        edge.mutated++;
      }
      const out: Record<string, string> = {};
      upstream.headers.forEach((value, name) => {
        if (
          !["connection", "content-length", "transfer-encoding", "content-encoding", "keep-alive"].includes(
            name,
          )
        ) {
          out[name] = value;
        }
      });
      res.writeHead(status, out).end(body);
    } catch (error) {
      res.writeHead(502).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  edge.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  edge.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return edge;
}
