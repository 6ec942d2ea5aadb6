/**
 * A wire-faithful stand-in for the Gemini API (generativelanguage.googleapis.com), for the offline
 * twin and for tests. Both real SDKs talk to it unchanged, given its base URL.
 *
 * @example
 * const stub = createGeminiServer({ config: defaultConfig().gemini });
 * const { url } = await stub.listen(0);
 * const ai = new GoogleGenAI({ apiKey: "local-dev-key", httpOptions: { baseUrl: url } });
 */

import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express, { type NextFunction, type Request, type Response } from "express";
import type { GeminiStubConfig } from "../config/types.js";
import {
  apiKeyInvalid,
  apiKeyMissing,
  invalidArgument,
  modelNotFound,
  pathNotFound,
} from "./google-errors.js";
import { type JournalEntry, type JournalMethod, RequestJournal, redactHeaders } from "./journal.js";
import { type CallKind, runModelCall, sendGoogleError } from "./model-call.js";
import { isServedMethod, type ModelPath, parseModelPath } from "./model-path.js";
import { allText, lastUserMessage } from "./request-content.js";
import { DEFAULT_THOUGHTS_TOKENS, estimateTokens, isThinkingModel } from "./response-frames.js";
import { findMarker, parseScenario, type Scenario, ScenarioError, stripMarkers } from "./scenarios.js";
import { stubControlRouter } from "./stub-controls.js";

export interface GeminiServerOptions {
  config: GeminiStubConfig;
  /** One line per request; never given the API key. */
  log?: (line: string) => void;
  /** Journal size; the oldest entries go first. Default 1000. */
  journalLimit?: number;
  /** Told of every journal entry added or updated (the request inspector); must stay cheap. */
  onJournalChange?: (entry: JournalEntry, change: "added" | "updated") => void;
}

export interface GeminiServer {
  app: express.Express;
  journal: RequestJournal;
  /** Selects the scenario for every following request (null: default replies). Same as PUT /_stub/scenario. */
  setScenario(scenario: Scenario | null): void;
  listen(port?: number, host?: string): Promise<{ port: number; url: string }>;
  /** Ends in-flight responses, clears their timers and stops listening. */
  close(): Promise<void>;
}

/** Google's request size limit for inline data (20 MB). */
const BODY_LIMIT = 20 * 1024 * 1024;

const JOURNAL_METHODS: Record<string, JournalMethod> = {
  streamGenerateContent: "stream",
  generateContent: "generate",
  countTokens: "countTokens",
};

export function createGeminiServer(options: GeminiServerOptions): GeminiServer {
  const { config } = options;
  const log = options.log ?? (() => {});
  const journal = new RequestJournal(options.journalLimit ?? 1000, options.onJournalChange);
  const inFlight = new Set<AbortController>();
  let current: Scenario | null = null;
  let server: Server | undefined;

  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);

  app.get("/__emulator/health", (_req, res) => {
    res.json({ status: "ok", service: "gemini" });
  });

  app.use(
    stubControlRouter({
      journal,
      getScenario: () => current,
      setScenario: (scenario) => {
        current = scenario;
      },
      log,
    }),
  );

  // --- Model listing (what `ai.models.list()` and ListModels read) ---
  const modelResource = (name: string): Record<string, unknown> => ({
    name: `models/${name}`,
    version: "001",
    displayName: name,
    inputTokenLimit: 1_048_576,
    outputTokenLimit: 65_536,
    supportedGenerationMethods: ["generateContent", "countTokens"],
  });
  const checkKey = (req: Request, res: Response): boolean => {
    const key = req.get("x-goog-api-key") ?? (typeof req.query.key === "string" ? req.query.key : undefined);
    if (key === config.apiKey) return true;
    // Assumption: an empty key counts as no key.
    sendGoogleError(res, key === undefined || key === "" ? apiKeyMissing() : apiKeyInvalid());
    return false;
  };
  app.get("/:version/models", (req, res, next) => {
    if (!/^v1(beta|alpha)?$/.test(req.params.version)) return next();
    if (checkKey(req, res)) res.json({ models: config.models.map(modelResource) });
  });
  app.get("/:version/models/:model", (req, res, next) => {
    if (!/^v1(beta|alpha)?$/.test(req.params.version)) return next();
    if (!checkKey(req, res)) return;
    const { model } = req.params;
    if (config.models.includes(model)) res.json(modelResource(model));
    else sendGoogleError(res, modelNotFound(`models/${model}`, req.params.version, "get"));
  });

  // --- Model calls ---
  const bodyParser = express.text({ type: () => true, limit: BODY_LIMIT });
  app.post("/{*rest}", (req, res, next) => {
    const path = parseModelPath(req.path);
    if (!path) return next();
    bodyParser(req, res, (err?: unknown) => {
      if (err) return next(err);
      handleModelCall(req, res, path);
    });
  });

  function handleModelCall(req: Request, res: Response, path: ModelPath): void {
    let body: Record<string, unknown> = {};
    let bodyError: string | undefined;
    const raw = typeof req.body === "string" ? req.body : "";
    if (raw.trim() !== "") {
      try {
        const parsed: unknown = JSON.parse(raw);
        if (parsed && typeof parsed === "object" && !Array.isArray(parsed))
          body = parsed as Record<string, unknown>;
        else bodyError = "Invalid JSON payload received. Expected an object.";
      } catch {
        bodyError = "Invalid JSON payload received. Unexpected token.";
      }
    }
    // countTokens may wrap the request: {generateContentRequest: {model, contents, ...}}.
    const inner =
      path.method === "countTokens" &&
      body.generateContentRequest &&
      typeof body.generateContentRequest === "object"
        ? (body.generateContentRequest as Record<string, unknown>)
        : body;
    const message = lastUserMessage(inner.contents);
    const alt = req.query.alt === "sse" ? "sse" : "json";

    const entry = journal.add({
      model: path.model,
      method: JOURNAL_METHODS[path.method] ?? "other",
      alt: path.method === "streamGenerateContent" ? alt : null,
      path: req.path,
      // null, not absent, when the SDK sent none: so the journal's shape is the same for every entry.
      contents: inner.contents ?? null,
      systemInstruction: inner.systemInstruction ?? null,
      generationConfig: inner.generationConfig ?? null,
      safetySettings: inner.safetySettings ?? null,
      headers: redactHeaders(req.headers),
      keyInQuery: typeof req.query.key === "string",
      scenario: null,
    });

    const controller = new AbortController();
    inFlight.add(controller);
    let droppedByStub = false;
    const started = Date.now();
    res.on("close", () => {
      inFlight.delete(controller);
      const completed = res.writableFinished && !droppedByStub;
      const aborted = !completed && !droppedByStub && !controller.signal.aborted;
      journal.update(entry, { status: res.headersSent ? res.statusCode : null, completed, aborted });
      controller.abort();
      const outcome = completed ? res.statusCode : aborted ? "aborted by caller" : "cut by stub";
      log(
        `${entry.id} ${req.method} ${req.path} ${outcome} scenario=${entry.scenario ?? "default"} ` +
          `${Date.now() - started}ms`,
      );
    });

    // Order as Google checks: key, then the model resource, then the request body.
    if (!checkKey(req, res)) return;
    if (path.collection !== "models" || !config.models.includes(path.model) || !isServedMethod(path.method)) {
      sendGoogleError(res, modelNotFound(`${path.collection}/${path.model}`, path.apiVersion, path.method));
      return;
    }
    if (bodyError) {
      sendGoogleError(res, invalidArgument(bodyError));
      return;
    }
    if (!Array.isArray(inner.contents) || inner.contents.length === 0) {
      sendGoogleError(res, invalidArgument("* GenerateContentRequest.contents: contents is not specified\n"));
      return;
    }

    let scenario: Scenario | null = current;
    try {
      const marker = findMarker(message);
      if (marker.found) scenario = marker.scenario;
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      sendGoogleError(res, invalidArgument(`Stub: ${error.message}`));
      return;
    }
    entry.scenario = scenario?.name ?? null;

    const promptTokens = estimateTokens(allText(inner));
    if (path.method === "countTokens") {
      // Only the error scenarios apply to counting; it streams nothing.
      if (scenario && ["rate-limited", "server-error", "unavailable"].includes(scenario.name)) {
        void runModelCall(callOf("generate"));
      } else {
        res.json({ totalTokens: promptTokens });
      }
      return;
    }
    const kind: CallKind =
      path.method === "generateContent" ? "generate" : alt === "sse" ? "stream-sse" : "stream-json";
    runModelCall(callOf(kind)).catch((error: unknown) => {
      log(`${entry.id} failed: ${(error as Error).message}`);
      res.destroy();
    });

    function callOf(callKind: CallKind) {
      return {
        kind: callKind,
        config,
        scenario,
        message: stripMarkers(message),
        frame: {
          modelVersion: path.model,
          responseId: `stub-${entry.id}`,
          promptTokens,
          thoughtsTokens: thoughtsTokensOf(scenario, path.model),
          maxOutputTokens: maxOutputTokensOf(inner.generationConfig),
        },
        res,
        signal: controller.signal,
        onDrop: () => {
          droppedByStub = true;
        },
      };
    }
  }

  function thoughtsTokensOf(scenario: Scenario | null, model: string): number | undefined {
    if (scenario?.name === "thinking") return scenario.thoughtsTokens ?? 1024;
    return isThinkingModel(model) ? DEFAULT_THOUGHTS_TOKENS : undefined;
  }

  /** `generationConfig.maxOutputTokens` when it is a positive whole number; otherwise no cap. */
  function maxOutputTokensOf(generationConfig: unknown): number | undefined {
    const value = (generationConfig as { maxOutputTokens?: unknown } | null | undefined)?.maxOutputTokens;
    return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : undefined;
  }

  app.use((req, res) => {
    sendGoogleError(res, pathNotFound(req.path));
  });
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const type = (err as { type?: string }).type;
    if (type === "entity.too.large") {
      sendGoogleError(res, invalidArgument(`Request payload size exceeds the limit: ${BODY_LIMIT} bytes.`));
    } else if (type === "entity.parse.failed") {
      res.status(400).json({ error: { message: "Request body is not valid JSON" } });
    } else {
      log(`internal error: ${(err as Error).message}`);
      res.status(500).json({ error: { code: 500, message: "Stub internal error", status: "INTERNAL" } });
    }
  });

  return {
    app,
    journal,
    setScenario(scenario) {
      current = scenario === null ? null : parseScenario(scenario);
    },
    listen(port = config.port, host = config.host) {
      return new Promise((resolve, reject) => {
        const listening = app.listen(port, host);
        listening.once("error", reject);
        listening.once("listening", () => {
          server = listening;
          const address = listening.address() as AddressInfo;
          resolve({ port: address.port, url: `http://${host}:${address.port}` });
        });
      });
    },
    async close() {
      for (const controller of inFlight) controller.abort();
      inFlight.clear();
      const listening = server;
      server = undefined;
      if (!listening) return;
      await new Promise<void>((resolve) => {
        listening.close(() => resolve());
        listening.closeAllConnections();
      });
    },
  };
}
