/**
 * Who may call the twin's local surfaces: the dev endpoints (Cognito `/_dev/*` mints valid tokens for any
 * user and rotates keys; the Gemini stub's `/_stub/*` reads the prompt journal and switches scenarios)
 * and the request inspector (`/__emulator/requests`). None of them exists in AWS or Google. Four checks,
 * in this order:
 *
 * 1. **Peer** — only a loopback peer (the socket's address, never a header a caller can set) gets in,
 *    even when the stack listens on 0.0.0.0; `EMULATOR_DEV_ENDPOINTS=open` opens them to every peer on
 *    purpose. The inspector, which keeps no secrets, is built with `access: "open"`.
 * 2. **Host** — the developer's own browser passes the peer check, so a web page could reach a surface by
 *    DNS rebinding (its own name resolved to 127.0.0.1): its requests then carry `Host: <its name>`. The
 *    rule is Vite's dev-server host check (https://vite.dev/config/server-options#server-allowedhosts,
 *    https://github.com/vitejs/vite/security/advisories/GHSA-vg6x-rcgg-rjx6; the code read is vite
 *    7.3.8's `isHostAllowedInternal`, 2026-12-07): an IP address, `localhost`, `*.localhost`, or the
 *    name the service is configured to listen on. A page cannot make its browser send an IP address as
 *    Host without connecting to that address, so only names need a list. No Host at all passes (HTTP/1.0;
 *    a browser always sends one, and a non-browser client could send any value). The port is not
 *    compared: a rebinding page's name is refused whatever its port, and a developer's port forward
 *    (`ssh -L 19229:127.0.0.1:9229`) keeps working.
 * 3. **Origin** — a request carrying `Origin` must come from the playground (its loopback names and its
 *    configured host, on its port) or from the service's own origin. `Origin: null` (sandboxed frames,
 *    `file:` pages) is refused. A CORS answer names the playground's origin, never `*`.
 * 4. **Content type** — a page may send a POST with `text/plain`, `application/x-www-form-urlencoded`,
 *    `multipart/form-data` or no body type without asking first
 *    (https://fetch.spec.whatwg.org/#cors-safelisted-request-header, and MDN's "CORS-safelisted request
 *    header", read 2026-12-07), and Firefox did not always send `Origin` on cross-origin POSTs
 *    (https://stackoverflow.com/questions/42239643, read 2026-12-07). So a request with a body (POST, PUT, PATCH) must say `application/json`
 *    (or `+json`), which only a preflight could permit. DELETE is never a simple request (only GET, HEAD
 *    and POST are CORS-safelisted methods), so a page must ask first, and checks 2-3 answer.
 */
import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";
import { isLoopbackPeer, isWildcardHost } from "../common/loopback.js";
import { type Environment, emulatorEnvironment } from "../config/environment.js";
import { DevEndpointsSettingError } from "../config/errors.js";
import { readSetting } from "../config/settings.js";

export const DEV_ENDPOINTS_ENV = "EMULATOR_DEV_ENDPOINTS";

/** `loopback` (default): loopback peers only; `open`: anyone who can reach the port. */
export type DevEndpointAccess = "loopback" | "open";

export { DevEndpointsSettingError };

/**
 * EMULATOR_DEV_ENDPOINTS, read by config/settings.ts: an enumeration, so only the word `open` opens.
 * @example devEndpointAccess({ EMULATOR_DEV_ENDPOINTS: "open" }) // "open"
 */
export function devEndpointAccess(env: Environment = emulatorEnvironment()): DevEndpointAccess {
  return readSetting(DEV_ENDPOINTS_ENV, env);
}

/** The decision: may a caller at `remoteAddress` use a dev endpoint? */
export function devCallerAllowed(remoteAddress: string | undefined, access: DevEndpointAccess): boolean {
  return access === "open" || isLoopbackPeer(remoteAddress);
}

/** Message every peer refusal carries, naming the setting that opens the endpoints. */
function devRefusalMessage(path: string): string {
  return `${path} answers only callers on this machine (loopback); set ${DEV_ENDPOINTS_ENV}=open to allow others.`;
}

/**
 * Is `hostHeader` a name of this machine (check 2)? `serviceHost` is the configured listen address
 * (STACK_HOST, the compose service name, ...).
 * @example isOwnHost("evil.example:9229", "127.0.0.1") // false
 */
export function isOwnHost(hostHeader: string | undefined, serviceHost: string): boolean {
  if (hostHeader === undefined) return true;
  const host = hostHeader.trim().toLowerCase();
  if (host.startsWith("[")) {
    const end = host.indexOf("]");
    return end > 0 && isIP(host.slice(1, end)) === 6 && /^(:\d*)?$/.test(host.slice(end + 1));
  }
  const colon = host.indexOf(":");
  const name = colon === -1 ? host : host.slice(0, colon);
  if (isIP(name) === 4 || name === "localhost" || name.endsWith(".localhost")) return true;
  return name !== "" && name === serviceHost.toLowerCase().replace(/^\[(.*)\]$/, "$1");
}

/** Where the playground listens; read per request, because a port 0 is bound only at start. */
export type PlaygroundAddress = () => { host: string; port: number };

/**
 * The pinned playground address (docs/interfaces.md#ports): the default when a service is built without the
 * stack.
 */
const PINNED_PLAYGROUND: PlaygroundAddress = () => ({ host: "127.0.0.1", port: 5173 });

/** The origins a browser gives the playground's page: its loopback names and its configured host. */
export function playgroundOrigins({ host, port }: { host: string; port: number }): string[] {
  const names = new Set(["127.0.0.1", "localhost", "[::1]"]);
  const bare = host.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  if (!isWildcardHost(bare)) names.add(isIP(bare) === 6 ? `[${bare}]` : bare);
  return [...names].map((name) => (port === 80 ? `http://${name}` : `http://${name}:${port}`));
}

/** `application/json`, or any `+json` type, ignoring parameters (check 4). */
export function isJsonContentType(value: string | undefined): boolean {
  const essence = (value ?? "").replace(/;.*$/s, "").trim().toLowerCase();
  return essence === "application/json" || /^application\/[\w.+-]+\+json$/.test(essence);
}

const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);

export interface DevAccessSettings {
  /** Who may connect (check 1). Default: EMULATOR_DEV_ENDPOINTS, read when the guard is built. */
  access?: DevEndpointAccess;
  /** The host the service is configured to listen on (check 2). Default `127.0.0.1`. */
  serviceHost?: string;
  /** The playground's address (check 3). Default: the pinned 127.0.0.1:5173. */
  playground?: PlaygroundAddress;
}

export type DevCheck = "peer" | "host" | "origin" | "content-type";

/** What to do with one request: go on (adding `headers`), answer a CORS preflight, or refuse with 403. */
export type DevVerdict =
  | { kind: "pass"; headers: Record<string, string> }
  | { kind: "preflight"; headers: Record<string, string> }
  | { kind: "refuse"; check: DevCheck; message: string; detail: string };

export interface DevAccess {
  readonly access: DevEndpointAccess;
  /** `route` is the path named in a refusal (without the query). */
  judge(req: IncomingMessage, route: string): DevVerdict;
}

/** A request header; Node keeps the first Host and joins repeats of the others into one string. */
function header(req: IncomingMessage, name: "host" | "origin" | "content-type"): string | undefined {
  return req.headers[name];
}

/** Quotes a caller-supplied value for a message, cut short. */
function quoted(value: string): string {
  return JSON.stringify(value.length > 100 ? `${value.slice(0, 100)}...` : value);
}

/**
 * The guard's decisions for one service.
 *
 * @example
 *   const dev = devAccess({ serviceHost: config.cognito.host, playground: () => config.playground });
 *   dev.judge(req, "/_dev/tokens"); // { kind: "refuse", check: "host", ... } for Host: evil.example
 */
export function devAccess(settings: DevAccessSettings = {}): DevAccess {
  const access = settings.access ?? devEndpointAccess();
  const serviceHost = settings.serviceHost ?? "127.0.0.1";
  const playground = settings.playground ?? PINNED_PLAYGROUND;
  return {
    access,
    judge(req, route) {
      // Always set on a request a server received.
      const method = String(req.method).toUpperCase();
      if (!devCallerAllowed(req.socket.remoteAddress, access)) {
        const detail = `non-loopback peer ${req.socket.remoteAddress ?? "?"}`;
        return { kind: "refuse", check: "peer", message: devRefusalMessage(route), detail };
      }
      const host = header(req, "host");
      if (host !== undefined && !isOwnHost(host, serviceHost)) {
        return {
          kind: "refuse",
          check: "host",
          detail: `Host ${quoted(host)}`,
          message: `${route} refused: Host ${quoted(host)} is not a name of this machine (an IP address, localhost, or the configured host ${quoted(serviceHost)}); a web page reaching the stack by DNS rebinding sends its own name.`,
        };
      }
      const origin = header(req, "origin");
      const allowed = playgroundOrigins(playground());
      const fromPlayground = origin !== undefined && allowed.includes(origin.toLowerCase());
      const sameOrigin =
        origin !== undefined &&
        host !== undefined &&
        origin.toLowerCase() === `http://${host.trim().toLowerCase()}`;
      if (origin !== undefined && !fromPlayground && !sameOrigin) {
        return {
          kind: "refuse",
          check: "origin",
          detail: `Origin ${quoted(origin)}`,
          message: `${route} refused: Origin ${quoted(origin)} is not the playground's (${allowed.join(", ")}); pages of other sites may not call it.`,
        };
      }
      const cors: Record<string, string> =
        fromPlayground && !sameOrigin ? { "access-control-allow-origin": origin, vary: "Origin" } : {};
      if (method === "OPTIONS") {
        const ask = Object.keys(cors).length > 0;
        return {
          kind: "preflight",
          headers: ask
            ? {
                ...cors,
                "access-control-allow-methods": "GET, HEAD, POST, PUT, DELETE",
                "access-control-allow-headers": "content-type",
                "access-control-max-age": "600",
              }
            : {},
        };
      }
      const type = header(req, "content-type");
      if (BODY_METHODS.has(method) && !isJsonContentType(type)) {
        return {
          kind: "refuse",
          check: "content-type",
          detail: `content-type ${type === undefined ? "none" : quoted(type)}`,
          message: `${route} refused: a ${method} needs content-type: application/json, not ${type === undefined ? "none" : quoted(type)} (a web page may send that without asking first).`,
        };
      }
      return { kind: "pass", headers: cors };
    },
  };
}
