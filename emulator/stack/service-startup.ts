/**
 * What bringing one service up involves, for every service alike: its name, start order and log
 * label, the port check (one PortInUseError, naming the variable to change), and the health wait.
 */
import { once } from "node:events";
import net from "node:net";
import { PORT_ENV } from "../config/defaults.js";
import type { StackConfig } from "../config/types.js";
import { HEALTH_PATH } from "./http-service.js";

export type ServiceName = "cognito" | "gemini" | "ssm" | "functionUrl" | "cloudfront" | "playground";

/**
 * Start order: each service learns the real ports of the ones before it (the function's environment
 * names Cognito's JWKS, the stub and SSM, so those come first).
 */
export const SERVICE_ORDER: readonly ServiceName[] = [
  "cognito",
  "gemini",
  "ssm",
  "functionUrl",
  "cloudfront",
  "playground",
];

export const SERVICE_LABEL: Record<ServiceName, string> = {
  cognito: "cognito",
  gemini: "gemini-stub",
  ssm: "ssm",
  functionUrl: "function-url",
  cloudfront: "cloudfront",
  playground: "playground",
};

export class PortInUseError extends Error {
  override name = "PortInUseError";
  constructor(
    readonly service: ServiceName,
    readonly host: string,
    readonly port: number,
  ) {
    super(
      `${SERVICE_LABEL[service]} cannot listen on ${host}:${port}: the port is in use. ` +
        `Stop whatever holds it, or set ${PORT_ENV[service]} to another port.`,
    );
  }
}

export interface StartedService {
  url: string;
  close(): Promise<void>;
}

/** Resolves when `host:port` can be bound; a busy port becomes a PortInUseError naming its variable. */
export async function assertPortFree(service: ServiceName, host: string, port: number): Promise<void> {
  if (port === 0) return;
  const probe = net.createServer();
  probe.listen(port, host);
  try {
    await once(probe, "listening");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") throw new PortInUseError(service, host, port);
    throw error;
  } finally {
    probe.close();
  }
}

/** Polls `GET <url>` + HEALTH_PATH until it answers 200 (bounded by `timeoutMs`). */
export async function waitHealthy(url: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = "no answer";
  while (Date.now() < deadline) {
    try {
      const res = await fetch(new URL(HEALTH_PATH, url), { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
      lastError = `HTTP ${res.status}`;
    } catch (error) {
      lastError = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${url} did not become healthy within ${timeoutMs} ms (${lastError})`);
}

export type { StackConfig };
