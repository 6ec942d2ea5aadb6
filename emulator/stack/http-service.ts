import http from "node:http";
import { listenOn } from "./listen.js";

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

export interface HttpServiceOptions {
  /** Used when `listen` is called without a port or host (the service's configured address). */
  defaults: { port: number; host: string };
  /** Node's `http.createServer` options, e.g. `{ noDelay: true }`. */
  serverOptions?: http.ServerOptions;
  /** Runs after the HTTP server has closed: abort in-flight work, stop pools, destroy agents. */
  onClose?: () => void | Promise<void>;
}

/**
 * Wraps a request listener (an Express app or a plain handler) as an {@link EmulatedService}.
 * `server` is exposed for services that tune it (e.g. CloudFront's `requestTimeout = 0`).
 */
export function httpService(
  listener: http.RequestListener,
  options: HttpServiceOptions,
): EmulatedService & { server: http.Server } {
  const server = http.createServer(options.serverOptions ?? {}, listener);
  return {
    server,
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
