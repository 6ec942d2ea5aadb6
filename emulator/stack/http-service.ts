import http from "node:http";
import { listenOn } from "./listen.js";
import type { ServiceLog } from "./logger.js";

/**
 * The path every emulated service answers locally with 200 (pinned:
 * docs/interfaces.md#dev-and-admin-endpoints).
 */
export const HEALTH_PATH = "/__emulator/health";

/**
 * What every emulated service returns from its `create…Server` factory: the stack (stack/running-stack.ts),
 * `npm run serve` and the tests listen, health-check and close each one the same way.
 */
export interface EmulatedService {
  /** Binds `host:port` (port 0 = any free port) and resolves with the bound address. */
  listen(port?: number, host?: string): Promise<{ port: number; url: string }>;
  /** Stops accepting, drops open connections, then releases what the service holds. */
  close(): Promise<void>;
}

/** A complete answer: what a service sends for a fault of its own, in its wire form. */
export interface ErrorAnswer {
  status: number;
  headers?: http.OutgoingHttpHeaders;
  body?: string;
}

/**
 * A request listener; one that returns a promise has its rejection answered as a fault. An Express app
 * is one too (Express catches its routes' faults itself; `httpService` gives it the last error handler).
 */
export type ServiceListener = (req: http.IncomingMessage, res: http.ServerResponse) => unknown;

export interface HttpServiceOptions {
  /** The service's name, as its health answer says it: `{"status":"ok","service":"<name>"}`. */
  name: string;
  /**
   * The service's answer to a fault of its own (an exception nothing else caught), in the real service's
   * error form. It never carries the fault's text: that goes to `log`, with the stack.
   */
  internalError: () => ErrorAnswer;
  /** Where faults are logged (default: stderr, with the service's name). */
  log?: ServiceLog;
  /** Used when `listen` is called without a port or host (the service's configured address). */
  defaults: { port: number; host: string };
  /** Node's `http.createServer` options, e.g. `{ noDelay: true }`. */
  serverOptions?: http.ServerOptions;
  /** Runs after the HTTP server has closed: abort in-flight work, stop pools, destroy agents. */
  onClose?: () => void | Promise<void>;
}

export interface HttpService extends EmulatedService {
  /** Exposed for services that tune it (e.g. CloudFront's `requestTimeout = 0`). */
  server: http.Server;
  /** What the server runs: the health answer, then the service's listener with its faults contained. */
  listener: http.RequestListener;
}

/**
 * Wraps a service's request listener (an Express app or a plain handler) as an {@link EmulatedService}
 * that answers `GET /__emulator/health` itself and contains the service's faults: an exception is logged
 * with its stack and answered with `internalError()` (or, once the answer has started, the connection is
 * cut), so it never takes the process down or shows internals to the caller.
 *
 * @example
 * const service = httpService(app, {
 *   name: "cognito",
 *   internalError: () => ({ status: 500, headers: { "content-type": AMZ_JSON }, body: "..." }),
 *   log,
 *   defaults: { port: 9229, host: "127.0.0.1" },
 * });
 */
export function httpService(listener: ServiceListener, options: HttpServiceOptions): HttpService {
  const log = options.log ?? ((line: string) => console.error(`[${options.name}] ${line}`));
  const fault = (res: http.ServerResponse, error: unknown) => answerFault(res, error, options, log);
  if (isExpressApp(listener)) {
    // Four parameters: Express's signature of an error handler.
    listener.use((error: unknown, _req: unknown, res: http.ServerResponse, _next: unknown) =>
      fault(res, error),
    );
  }
  const wrapped: http.RequestListener = (req, res) => {
    if (isHealthCheck(req)) return answerHealth(req, res, options.name);
    try {
      const result = listener(req, res);
      if (result instanceof Promise) result.catch((error: unknown) => fault(res, error));
    } catch (error) {
      fault(res, error);
    }
  };
  const server = http.createServer(options.serverOptions ?? {}, wrapped);
  return {
    server,
    listener: wrapped,
    listen(port = options.defaults.port, host = options.defaults.host) {
      return listenOn(server, port, host);
    },
    async close() {
      if (server.listening) {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
      }
      await options.onClose?.();
    },
  };
}

function isHealthCheck(req: http.IncomingMessage): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  return (req.url ?? "/").split("?")[0] === HEALTH_PATH;
}

function answerHealth(req: http.IncomingMessage, res: http.ServerResponse, service: string): void {
  req.resume();
  const body = JSON.stringify({ status: "ok", service });
  res.writeHead(200, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
}

function answerFault(
  res: http.ServerResponse,
  error: unknown,
  options: HttpServiceOptions,
  log: ServiceLog,
): void {
  log(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  if (res.writableEnded) return;
  // Part of the answer is out: the status cannot change, so the client sees the answer cut short.
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const { status, headers, body = "" } = options.internalError();
  res.writeHead(status, { "content-length": Buffer.byteLength(body), ...headers });
  res.end(body);
}

interface ExpressLike {
  use(handler: (error: unknown, req: unknown, res: http.ServerResponse, next: unknown) => void): unknown;
}

function isExpressApp(listener: ServiceListener): listener is ServiceListener & ExpressLike {
  const candidate = listener as unknown as Partial<ExpressLike> & { handle?: unknown };
  return typeof candidate.use === "function" && typeof candidate.handle === "function";
}
