/**
 * Which addresses count as "this machine only". The handler's endpoint guardrail
 * (handler/src/endpoint-guard.ts) and the dev-endpoint rule use the same definition:
 * 127.0.0.0/8, ::1 and `localhost`.
 */
import { isIPv4 } from "node:net";

/** A configured host name or address (`127.0.0.1`, `::1`, `[::1]`, `localhost`) that stays on this machine. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase();
  if (h === "localhost" || h === "::1" || h === "[::1]") return true;
  return isIPv4(h) && h.startsWith("127.");
}

/** `0.0.0.0` / `::`: listen on every interface. A place to listen, never a place to connect to. */
export function isWildcardHost(host: string): boolean {
  return host === "0.0.0.0" || host === "::" || host === "[::]";
}

/** The host a client on this machine uses to reach a service that listens on `host`. */
export function connectHost(host: string): string {
  return isWildcardHost(host) ? "127.0.0.1" : host;
}

/**
 * A peer's socket address (`req.socket.remoteAddress`) on this machine. A dual-stack socket reports
 * IPv4 peers as `::ffff:127.0.0.1`; undefined (socket already gone) is not loopback.
 */
export function isLoopbackPeer(remoteAddress: string | undefined): boolean {
  if (!remoteAddress) return false;
  const address = remoteAddress.toLowerCase().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");
  return address === "::1" || (isIPv4(address) && address.startsWith("127."));
}

/** The services of a config that listen beyond loopback, as `name host` pairs for a warning. */
export function exposedServices(hosts: Record<string, string>): string[] {
  return Object.entries(hosts)
    .filter(([, host]) => !isLoopbackHost(host))
    .map(([name, host]) => `${name} ${host}`);
}
