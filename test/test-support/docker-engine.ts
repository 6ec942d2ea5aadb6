/**
 * Finds a Docker engine and the tools the container test needs, without starting anything.
 *
 * @example
 *   const engine = await findDockerEngine();
 *   if (!engine.ok) console.warn(engine.reason);
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import http from "node:http";
import { promisify } from "node:util";

const run = promisify(execFile);

export type EngineProbe = { ok: true; dockerHost: string } | { ok: false; reason: string };

/** DOCKER_HOST if set; else the engine scripts/docker/engine.sh starts; else the system socket. */
function candidateDockerHosts(env: NodeJS.ProcessEnv = process.env): string[] {
  if (env.DOCKER_HOST) return [env.DOCKER_HOST];
  const scratch = env.CHATBOT_DOCKER_DIR ?? "/tmp/chatbot-docker";
  return [`unix://${scratch}/docker.sock`, "unix:///var/run/docker.sock"];
}

/** `GET /_ping` over the engine's unix socket: "OK" means it answers. */
function ping(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ socketPath, path: "/_ping", timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(false));
  });
}

export async function findDockerEngine(env: NodeJS.ProcessEnv = process.env): Promise<EngineProbe> {
  const tried: string[] = [];
  let found: string | undefined;
  for (const host of candidateDockerHosts(env)) {
    tried.push(host);
    if (!host.startsWith("unix://")) {
      found = host; // tcp:// engines are left to testcontainers to reach.
      break;
    }
    const socketPath = host.slice("unix://".length);
    if (existsSync(socketPath) && (await ping(socketPath))) {
      found = host;
      break;
    }
  }
  if (!found) {
    return {
      ok: false,
      reason: `no Docker engine answers at ${tried.join(" or ")} (start one: eval "$(scripts/docker/engine.sh start)")`,
    };
  }
  try {
    // Debian's docker-compose 1.29; `docker compose` (v2) is absent here
    // (docs/platform-facts.md#docker-on-the-build-machines).
    await run("docker-compose", ["version", "--short"], { timeout: 30_000 });
  } catch {
    return { ok: false, reason: "docker-compose is not installed (apt-get install -y docker-compose)" };
  }
  return { ok: true, dockerHost: found };
}
