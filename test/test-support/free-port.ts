import net from "node:net";

/**
 * A loopback port free right now, for a process that must be told its port before it starts (a child
 * stack, containers, a page whose origin another service names). Another process could take it before
 * it is used; the tests that need one start their server at once.
 */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
