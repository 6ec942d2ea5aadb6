/**
 * How the stack builds each service from the configuration: which factory, which slice of the
 * configuration it gets, and which handle the running stack keeps. Every emulated service is an
 * `EmulatedService` (http-service.ts), listened on its configured address the same way.
 */
import path from "node:path";
import type { CognitoServer } from "../cognito/server.js";
import type { StackEventEmitter } from "../common/stack-events.js";
import type { StackConfig } from "../config/types.js";
import type { FunctionUrlServer, FunctionUrlServerOptions } from "../function-url/server.js";
import type { GeminiServer } from "../gemini/server.js";
import type { InspectorRecorder } from "../inspector/recorder.js";
import { inspectorRoutes } from "../inspector/routes.js";
import type { SsmServer } from "../ssm/server.js";
import type { EmulatedService } from "./http-service.js";
import type { ServiceLog } from "./logger.js";
import { PortInUseError, type ServiceName, type StartedService } from "./service-startup.js";

/** The services tests and tools reach beyond HTTP (`RunningStack` carries them). */
export interface ServiceHandles {
  cognito?: CognitoServer;
  gemini?: GeminiServer;
  ssm?: SsmServer;
  functionUrl?: FunctionUrlServer;
}

export interface StarterContext {
  /** The stack's configuration, with the ports of the services started before this one bound. */
  config: StackConfig;
  /** This service's log; the stack's logger adds the time and the service name. */
  log: ServiceLog;
  /** The stack's event bus: the services tell it each request's steps (the inspector listens). */
  events?: StackEventEmitter;
  /** The request inspector's recorder, whose routes CloudFront serves; absent when it is off. */
  inspector?: InspectorRecorder;
  /** The Function URL's debug mode and log level. */
  functionUrl?: Pick<FunctionUrlServerOptions, "debug" | "logLevel">;
  /** Where a starter leaves its service's handle. */
  handles: ServiceHandles;
}

/** Builds one service, listens on its configured address, and says where it answers. */
export type ServiceStarter = (context: StarterContext) => Promise<StartedService>;

export const SERVICE_STARTERS: Record<ServiceName, ServiceStarter> = {
  async cognito({ config, log, handles }) {
    const { createCognitoServer } = await import("../cognito/server.js");
    const { region, stateDir } = config;
    // The playground starts last: its address is read from `config` when a request comes.
    const devAccess = { playground: () => config.playground };
    handles.cognito = createCognitoServer({ config: config.cognito, region, stateDir, log, devAccess });
    return listenAs("cognito", handles.cognito, config.cognito);
  },
  async gemini({ config, log, events, handles }) {
    const { createGeminiServer } = await import("../gemini/server.js");
    const devAccess = { playground: () => config.playground };
    handles.gemini = createGeminiServer({ config: config.gemini, log, events, devAccess });
    return listenAs("gemini", handles.gemini, config.gemini);
  },
  async ssm({ config, log, handles }) {
    const { createSsmServer } = await import("../ssm/server.js");
    handles.ssm = createSsmServer({ config, log });
    return listenAs("ssm", handles.ssm, config.ssm);
  },
  async functionUrl({ config, log, events, functionUrl, handles }) {
    const { createFunctionUrlServer } = await import("../function-url/server.js");
    handles.functionUrl = createFunctionUrlServer({ config, log, ...functionUrl, events });
    return listenAs("functionUrl", handles.functionUrl, config.functionUrl);
  },
  async cloudfront({ config, log, events, inspector }) {
    const { cloudFrontOptionsFrom, createCloudFrontServer } = await import("../cloudfront/server.js");
    // The inspector's routes (404 INSPECTOR_OFF when it is off) on CloudFront's own address, for any
    // peer but no page of another site than the playground's (emulator/stack/dev-access.ts).
    const access = { serviceHost: config.cloudfront.host, playground: () => config.playground };
    const localRoutes = inspectorRoutes(inspector, access, log);
    const server = createCloudFrontServer({ ...cloudFrontOptionsFrom(config), log, events, localRoutes });
    return listenAs("cloudfront", server, config.cloudfront);
  },
  async playground({ config, log, inspector }) {
    const { startPlayground } = await import("../playground/server.js");
    return startPlayground({
      config,
      port: config.playground.port,
      host: config.playground.host,
      // Per state folder, so two stacks (npm start and a test) never share Vite's optimiser cache.
      cacheDir: path.join(config.stateDir, "vite"),
      inspector,
      log,
    });
  },
};

/** Listens on `at`; a port taken since the stack's check is the same PortInUseError. */
async function listenAs(
  name: ServiceName,
  service: EmulatedService,
  at: { host: string; port: number },
): Promise<StartedService> {
  try {
    const { url } = await service.listen(at.port, at.host);
    return { url, close: () => service.close() };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE")
      throw new PortInUseError(name, at.host, at.port);
    throw error;
  }
}
