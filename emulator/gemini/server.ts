/**
 * A wire-faithful stand-in for the Gemini API (generativelanguage.googleapis.com), for the offline
 * twin and for tests. The real SDK talks to it unchanged, given its base URL.
 *
 * @example
 * const stub = createGeminiServer({ config: defaultConfig().gemini });
 * const { url } = await stub.listen(0);
 * const ai = new GoogleGenAI({ apiKey: "local-dev-key", httpOptions: { baseUrl: url } });
 */

import type http from "node:http";
import express, { type NextFunction, type Request, type Response } from "express";
import type { StackEventEmitter } from "../common/stack-events.js";
import type { GeminiStubConfig } from "../config/types.js";
import { type DevAccessSettings, devAccess } from "../stack/dev-access.js";
import { type EmulatedService, type ErrorAnswer, httpService } from "../stack/http-service.js";
import type { ServiceLog } from "../stack/logger.js";
import { callEvents } from "./call-events.js";
import { invalidArgument, pathNotFound } from "./google-errors.js";
import { RequestJournal } from "./journal.js";
import { sendGoogleError } from "./model-call.js";
import { handleModelCall, type ModelCallRouteDeps } from "./model-call-route.js";
import { modelListingRouter } from "./model-listing.js";
import { parseModelPath } from "./model-path.js";
import { parseScenario, type Scenario } from "./scenarios.js";
import { stubControlRouter } from "./stub-controls.js";

export interface GeminiServerOptions {
  config: GeminiStubConfig;
  /** One line per request; never given the API key. The stack adds the time and the service name. */
  log?: ServiceLog;
  /** Journal size; the oldest entries go first. Default 1000. */
  journalLimit?: number;
  /** Told each model call's start and end (the stack's event bus); nobody when absent. */
  events?: StackEventEmitter;
  /** The stub's today, for the model catalogue (default: the real date). */
  clock?: () => Date;
  /** Who may use `/_stub/*` (emulator/stack/dev-access.ts); the configured host is a name of its own. */
  devAccess?: DevAccessSettings;
}

export interface GeminiServer extends EmulatedService {
  /** What the server runs (health, the routes, faults contained); usable with supertest without listening. */
  app: http.RequestListener;
  journal: RequestJournal;
  /** Selects the scenario for every following request (null: default replies). Same as PUT /_stub/scenario. */
  setScenario(scenario: Scenario | null): void;
  /** Ends in-flight responses, clears their timers and stops listening. */
  close(): Promise<void>;
}

/** Google's request size limit for inline data (20 MB). */
const BODY_LIMIT = 20 * 1024 * 1024;

export function createGeminiServer(options: GeminiServerOptions): GeminiServer {
  const { config } = options;
  const log = options.log ?? (() => {});
  const journal = new RequestJournal(
    options.journalLimit ?? 1000,
    options.events && callEvents(options.events),
  );
  let current: Scenario | null = null;
  const calls: ModelCallRouteDeps = {
    config,
    journal,
    log,
    currentScenario: () => current,
    inFlight: new Set<AbortController>(),
    clock: options.clock ?? (() => new Date()),
  };

  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.use(
    stubControlRouter({
      journal,
      getScenario: () => current,
      setScenario: (scenario) => {
        current = scenario;
      },
      log,
      devAccess: devAccess({ serviceHost: config.host, ...options.devAccess }),
    }),
  );
  app.use(modelListingRouter(config, calls.clock));
  const bodyParser = express.text({ type: () => true, limit: BODY_LIMIT });
  app.post("/{*rest}", (req, res, next) => {
    const path = parseModelPath(req.path);
    if (!path) return next();
    bodyParser(req, res, (err?: unknown) => {
      if (err) return next(err);
      // Called back by the body parser, outside Express's own catch: a fault is handed on here.
      try {
        handleModelCall(calls, req, res, path);
      } catch (fault) {
        next(fault);
      }
    });
  });
  app.use((req, res) => {
    sendGoogleError(res, pathNotFound(req.path));
  });
  app.use(bodyParserErrors);

  const service = httpService(app, {
    name: "gemini",
    internalError: stubInternalError,
    log,
    defaults: { port: config.port, host: config.host },
  });
  return {
    listen: service.listen,
    app: service.listener,
    journal,
    setScenario(scenario) {
      current = scenario === null ? null : parseScenario(scenario);
    },
    async close() {
      // In-flight calls first: their journal entries then read "cut by stub", not "aborted by caller".
      for (const controller of calls.inFlight) controller.abort();
      calls.inFlight.clear();
      await service.close();
    },
  };
}

/** Body-parser failures in Google's form; anything else is the stub's own fault, for `httpService`. */
function bodyParserErrors(err: unknown, _req: Request, res: Response, next: NextFunction): void {
  const type = (err as { type?: string }).type;
  if (type === "entity.too.large") {
    sendGoogleError(res, invalidArgument(`Request payload size exceeds the limit: ${BODY_LIMIT} bytes.`));
  } else if (type === "entity.parse.failed") {
    res.status(400).json({ error: { message: "Request body is not valid JSON" } });
  } else next(err);
}

/**
 * The stub's own fault (stack/http-service.ts): Google's error shape with status `INTERNAL`, saying it is
 * the stub's, without internals. Not Google's recorded INTERNAL text (google-errors.ts `internalError`),
 * which the `server-error` scenario sends: a fault of the stub must not pass for one of Google's.
 */
function stubInternalError(): ErrorAnswer {
  return {
    status: 500,
    headers: { "content-type": "application/json; charset=utf-8" },
    body: JSON.stringify({ error: { code: 500, message: "Stub internal error", status: "INTERNAL" } }),
  };
}
