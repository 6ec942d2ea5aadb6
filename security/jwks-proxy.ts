/**
 * A counting, switchable proxy in front of the emulated Cognito, so the suite can count the handler's
 * JWKS fetches and fake a JWKS outage without touching the Cognito emulator. Assumption: a refused
 * connection is how an outage looks to the function (the fetcher's FetchError path).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface JwksProxy {
  url: string;
  port: number;
  /** JWKS documents requested through the proxy since it started (including refused ones). */
  fetches(): number;
  /** While down, every connection is cut at once. */
  setDown(down: boolean): void;
  close(): Promise<void>;
}

export async function startJwksProxy(
  upstream: { host: string; port: number },
  host = "127.0.0.1",
): Promise<JwksProxy> {
  let count = 0;
  let down = false;
  const server = http.createServer((req, res) => {
    if ((req.url ?? "").endsWith("/jwks.json")) count++;
    if (down) {
      req.socket.destroy();
      return;
    }
    const forward = http.request(
      { host: upstream.host, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on("error", () => req.socket.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    port,
    fetches: () => count,
    setDown(value) {
      down = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
