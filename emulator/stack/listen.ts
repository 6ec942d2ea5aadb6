import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

/** Listens on `host:port` (0 = any free port); rejects with the listen error, e.g. EADDRINUSE. */
export function listenOn(server: Server, port: number, host: string): Promise<{ port: number; url: string }> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const address = server.address() as AddressInfo;
      resolve({ port: address.port, url: `http://${host}:${address.port}` });
    });
  });
}
