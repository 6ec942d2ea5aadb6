/**
 * The provider side's request filter and state endpoint, in one small server between the Pact
 * verifier and the provider (the emulated CloudFront, or a deployed distribution).
 *
 * Why not pact-js's `Verifier` with `requestFilter`: its express proxy parses JSON bodies with a
 * 100 kB limit and re-serialises them, so the "oversized body" interaction (over the handler's
 * 256 KiB) is answered 413 by the proxy itself, and the bytes the provider gets are not the bytes the
 * filter saw. Here the raw bytes pass through untouched, and the state endpoint is a separate path
 * that the filter never sees. The verifier itself is the same Pact core pact-js calls.
 *
 * Tokens and the payload hash cannot be fixed in the pact (tokens expire, the hash covers the exact
 * bytes), so they are set per request: `Authorization` from the current state's token, and
 * `x-amz-content-sha256` recomputed over the body actually sent.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { sha256Hex } from "../../emulator/aws/sigv4-canonical.js";

export type TokenKind = "fresh" | "expired" | "none";

export interface StateHandler {
  /** Which token requests in this state carry. */
  token: TokenKind;
  /** Puts the provider into the state (e.g. chooses a model stub scenario). */
  setup?: () => Promise<void>;
  teardown?: () => Promise<void>;
}

export interface TokenSource {
  /** A valid ID token for a signed-in user. */
  fresh(): Promise<string>;
  /** An ID token whose `exp` has passed. */
  expired(): Promise<string>;
}

export interface VerificationProxyOptions {
  /** Provider base URL; the pact's paths (`/chatbot`) are appended to it. */
  target: string;
  states: Record<string, StateHandler>;
  tokens: TokenSource;
}

export interface VerificationProxy {
  /** Give this to the verifier as `providerBaseUrl`. */
  url: string;
  /** Give this to the verifier as `providerStatesSetupUrl`. */
  stateSetupUrl: string;
  /** Every state that failed to set up or tear down (also answered 500, which fails the interaction). */
  stateErrors: string[];
  /** One line per proxied request: method, path, state, status. No tokens. */
  journal: string[];
  close(): Promise<void>;
}

const STATE_PATH = "/_pact/provider-states";

/** Hop-by-hop and framing headers: recomputed by each side, never copied. */
const DROPPED_REQUEST_HEADERS = new Set([
  "host",
  "connection",
  "content-length",
  "transfer-encoding",
  "authorization",
]);
const DROPPED_RESPONSE_HEADERS = new Set([
  "connection",
  "content-length",
  "transfer-encoding",
  "content-encoding",
  "keep-alive",
]);

/**
 * @example
 *   const proxy = await startVerificationProxy({ target: "http://127.0.0.1:8080", states, tokens });
 *   await new Verifier({ providerBaseUrl: proxy.url, providerStatesSetupUrl: proxy.stateSetupUrl, ... }).verify();
 */
export async function startVerificationProxy(options: VerificationProxyOptions): Promise<VerificationProxy> {
  const states = providerStates(options.states);
  const journal: string[] = [];
  const context: ForwardContext = { ...options, current: states.current, journal };
  const server = createServer((req, res) => {
    const work =
      req.url === STATE_PATH && req.method === "POST" ? states.change(req, res) : forward(req, res, context);
    work.catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      journal.push(`${req.method} ${req.url} -> proxy error: ${message}`);
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
      res.end(`verification proxy: ${message}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    stateSetupUrl: `${url}${STATE_PATH}`,
    stateErrors: states.errors,
    journal,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface CurrentState {
  name: string;
  token: TokenKind;
}

/**
 * The provider-state endpoint: the verifier posts `{ state, action }` before and after each
 * interaction; the state's handler runs, and the state set up is the one requests are sent in.
 */
function providerStates(handlers: Record<string, StateHandler>) {
  const errors: string[] = [];
  let current: CurrentState | undefined;
  return {
    errors,
    current: () => current,
    async change(req: IncomingMessage, res: ServerResponse): Promise<void> {
      const body = JSON.parse((await readBody(req)).toString("utf8") || "{}") as {
        state?: string;
        action?: string;
      };
      const name = String(body.state ?? "");
      const action = body.action ?? "setup";
      const handler = handlers[name];
      try {
        // An unknown state is an error, not a warning: the pact asks for something nobody set up.
        if (!handler) throw new Error(`No state handler for "${name}"`);
        if (action === "teardown") {
          await handler.teardown?.();
          current = undefined;
        } else {
          await handler.setup?.();
          current = { name, token: handler.token };
        }
        res.writeHead(200, { "content-type": "application/json" }).end("{}");
      } catch (error) {
        const message = `state "${name}" (${action}) failed: ${error instanceof Error ? error.message : String(error)}`;
        errors.push(message);
        // A 500 makes the verifier fail this interaction; a 200 would let it pass in the wrong state.
        res.writeHead(500, { "content-type": "text/plain" }).end(message);
      }
    },
  };
}

interface ForwardContext extends VerificationProxyOptions {
  current: () => CurrentState | undefined;
  journal: string[];
}

/** One interaction's request to the provider, its raw bytes untouched, with this state's token and hash. */
async function forward(req: IncomingMessage, res: ServerResponse, context: ForwardContext): Promise<void> {
  const { target, tokens, current, journal } = context;
  const body = await readBody(req);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || DROPPED_REQUEST_HEADERS.has(name)) continue;
    headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const token = await tokenFor(current()?.token ?? "none", tokens);
  if (token) headers.set("authorization", `Bearer ${token}`);
  // Only where the pact sends one: a request without the hash is the contract's to make.
  if (headers.has("x-amz-content-sha256")) {
    headers.set("x-amz-content-sha256", sha256Hex(body));
  }
  const url = target.replace(/\/+$/, "") + (req.url ?? "/");
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const upstream = await fetch(url, {
    method: req.method ?? "GET",
    headers,
    body: hasBody ? new Uint8Array(body) : undefined,
    redirect: "manual",
  });
  journal.push(`${req.method} ${req.url} [${current()?.name ?? "no state"}] -> ${upstream.status}`);
  const outHeaders: Record<string, string> = {};
  upstream.headers.forEach((value, name) => {
    if (!DROPPED_RESPONSE_HEADERS.has(name)) outHeaders[name] = value;
  });
  res.writeHead(upstream.status, outHeaders);
  if (upstream.body) Readable.fromWeb(upstream.body as import("node:stream/web").ReadableStream).pipe(res);
  else res.end();
}

async function tokenFor(kind: TokenKind, tokens: TokenSource): Promise<string | undefined> {
  if (kind === "fresh") return tokens.fresh();
  if (kind === "expired") return tokens.expired();
  return undefined;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts);
}
