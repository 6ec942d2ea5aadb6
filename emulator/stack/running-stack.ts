import { StackEvents } from "../common/stack-events.js";
import { stackEndpoint } from "../config/defaults.js";
import { stackFunctions } from "../config/functions.js";
import { followPlayground } from "../config/local-origins.js";
import type { StackConfig } from "../config/types.js";
import type { InspectorRecorder } from "../inspector/recorder.js";
import { recorderFromEnv } from "../inspector/settings.js";
import { listenToStack } from "../inspector/subscriber.js";
import { createEmulatorLogger, type LogFormat, type ServiceLog } from "./logger.js";
import { SERVICE_STARTERS, type ServiceHandles, type StarterContext } from "./service-starters.js";
import {
  assertPortFree,
  SERVICE_LABEL,
  SERVICE_ORDER,
  type ServiceName,
  type StartedService,
  waitHealthy,
} from "./service-startup.js";

export interface StackOptions {
  /** Which services to run; default all but the playground. */
  services?: readonly ServiceName[];
  /** Receives every service's log lines, finished: time and service name added once (stack/logger.ts). */
  log?: (line: string) => void;
  /** The Function URL's debug mode and log level (function-url/containers/debug-mode.ts, sigv4-log.ts). */
  functionUrl?: StarterContext["functionUrl"];
  /** `text` (default, readable) or `json` (one object per line). */
  logFormat?: LogFormat;
  /**
   * The request inspector shared by the services of this process (`GET /__emulator/requests`):
   * default one as `EMULATOR_INSPECTOR` / `EMULATOR_INSPECTOR_MAX_CHATS` ask; `false` turns it off.
   */
  inspector?: InspectorRecorder | false;
}

/** Handles on the running services, for tests and tools that need more than HTTP. */
export interface RunningStack extends ServiceHandles {
  /** The configuration with the ports actually bound (port 0 resolved). */
  config: StackConfig;
  urls: Partial<Record<ServiceName, string>>;
  /** The stack's endpoint through CloudFront (`cloudfront.endpointPath`: this project's chatbot endpoint). */
  endpoint: string;
  /** The request inspector's recorder; absent when it is turned off. */
  inspector?: InspectorRecorder;
  close(): Promise<void>;
}

/**
 * Starts the offline twin in dependency order on the configured ports (0 = any free port), waits
 * until each answers its health check, and returns handles plus the bound configuration.
 *
 * @example
 *   const stack = await startStack(await loadStackConfig(), { services: ["cognito", "gemini", "ssm", "functionUrl", "cloudfront"] });
 *   // ... POST to stack.endpoint ...
 *   await stack.close();
 */
export async function startStack(config: StackConfig, options: StackOptions = {}): Promise<RunningStack> {
  const wanted = new Set(options.services ?? SERVICE_ORDER.filter((s) => s !== "playground"));
  const bound = structuredClone(config);
  const started: { name: ServiceName; service: StartedService }[] = [];
  const events = new StackEvents();
  const inspector = options.inspector === false ? undefined : (options.inspector ?? recorderFromEnv());
  // The inspector is the bus's listener. Turned off, nobody listens: a service's emit finds no one.
  if (inspector) listenToStack(events, inspector);
  const stack: RunningStack = {
    config: bound,
    urls: {},
    endpoint: "",
    inspector,
    async close() {
      for (const { service } of started.reverse()) await service.close().catch(() => {});
      started.length = 0;
    },
  };
  const sink = options.log;
  const forService = createEmulatorLogger({ format: options.logFormat, write: (line) => sink?.(line) });
  const logFor = (name: ServiceName): ServiceLog => forService(SERVICE_LABEL[name]);

  for (const name of SERVICE_ORDER) {
    if (!wanted.has(name)) continue;
    const part = bound[name];
    await assertPortFree(name, part.host, part.port);
    try {
      const service = await SERVICE_STARTERS[name]({
        config: bound,
        log: logFor(name),
        events,
        inspector,
        functionUrl: options.functionUrl,
        handles: stack,
      });
      started.push({ name, service });
      const port = Number(new URL(service.url).port);
      part.port = port;
      stack.urls[name] = service.url;
      await waitHealthy(service.url);
    } catch (error) {
      await stack.close();
      throw error;
    }
  }
  // A playground on an ephemeral port is known only now; the Function URL reads its CORS settings
  // from `bound` on every request, so its allowed origins can follow the playground here.
  if (stack.urls.playground) {
    for (const fn of stackFunctions(bound)) {
      if (fn.cors) fn.cors = followPlayground(fn.cors, bound.playground.port);
    }
  }
  stack.endpoint = stackEndpoint(bound);
  return stack;
}
