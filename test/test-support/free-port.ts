import { readFileSync } from "node:fs";
import net from "node:net";

/**
 * A loopback port free right now, for a process that must be told its port before it starts (a child
 * stack, containers, a page whose origin another service names).
 *
 * The port comes from BELOW the kernel's ephemeral range (`net.ipv4.ip_local_port_range`), from a
 * slice of its own for each Vitest worker, and is never handed out twice by one worker. A server that
 * listens on port 0, and every outgoing connection, takes its port from the ephemeral range, so nothing
 * else the suite starts can take a port between the moment it is chosen here and the moment the child
 * process listens on it (which is seconds for `npm start`). Where no such room exists, port 0 decides.
 */
export async function freePort(): Promise<number> {
  const room = portRoom();
  for (let attempt = 0; room && attempt < 50; attempt++) {
    const port = room.low + Math.floor(Math.random() * (room.high - room.low));
    if (handedOut.has(port)) continue;
    // Claimed before the check, so calls running side by side never both get it.
    handedOut.add(port);
    if (await isFree(port)) return port;
    handedOut.delete(port);
  }
  return ephemeralPort();
}

const handedOut = new Set<number>();
/** Ports below this are left alone (well-known and commonly configured services). */
const LOWEST = 10_000;
const SLICES = 8;

/** This worker's slice of the ports below the ephemeral range, or undefined when there is no room. */
function portRoom(): { low: number; high: number } | undefined {
  const ephemeralLow = ephemeralRangeStart();
  if (ephemeralLow === undefined || ephemeralLow - LOWEST < SLICES * 100) return undefined;
  const size = Math.floor((ephemeralLow - LOWEST) / SLICES);
  const slice = (Number(process.env.VITEST_POOL_ID ?? 0) || 0) % SLICES;
  return { low: LOWEST + slice * size, high: LOWEST + (slice + 1) * size };
}

function ephemeralRangeStart(): number | undefined {
  try {
    const low = Number(readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low > 0 ? low : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a server can listen on `port` on 127.0.0.1 right now (the probe is closed again). */
export async function isFree(port: number): Promise<boolean> {
  const server = net.createServer();
  const ok = await new Promise<boolean>((resolve) => {
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => resolve(true));
  });
  if (ok) await new Promise<void>((resolve) => server.close(() => resolve()));
  return ok;
}

async function ephemeralPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
