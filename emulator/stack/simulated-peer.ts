/**
 * For tests and the attack suite: serves an app on 127.0.0.1 (port 0) over real HTTP, but reports every
 * connection's peer as `remoteAddress`, as if it came from another machine. Only the address the app
 * reads is simulated: the app, its routers and the HTTP exchange are the real ones. (A second loopback
 * address such as 127.0.0.2 would not do: 127.0.0.0/8 is loopback for the dev-endpoint rule too.)
 */
import { createServer, type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";

export interface SimulatedPeerServer {
  url: string;
  close(): Promise<void>;
}

/** @example const s = await serveAsPeer(cognito.app, "203.0.113.7"); await fetch(`${s.url}/_dev/tokens`) */
export async function serveAsPeer(app: RequestListener, remoteAddress: string): Promise<SimulatedPeerServer> {
  const server = createServer((req, res) => {
    Object.defineProperty(req.socket, "remoteAddress", { value: remoteAddress, configurable: true });
    app(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
