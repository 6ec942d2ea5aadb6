/**
 * One model call along its path: read the body, journal it, check as Google does (key, then the model
 * resource, then the body), pick the scenario, then answer (model-call.ts).
 */
import type { Request, Response } from "express";
import type { GeminiStubConfig } from "../config/types.js";
import type { ServiceLog } from "../stack/logger.js";
import { checkApiKey } from "./api-key.js";
import { type GoogleError, invalidArgument, modelNotFound } from "./google-errors.js";
import type { JournalEntry, RequestJournal } from "./journal.js";
import { type CallKind, type ModelCall, runModelCall, sendGoogleError } from "./model-call.js";
import { isServedMethod, type ModelPath } from "./model-path.js";
import {
  journalModelRequest,
  type ModelRequest,
  maxOutputTokensOf,
  parseModelRequest,
  thoughtsTokensOf,
} from "./model-request.js";
import { allText } from "./request-content.js";
import { estimateTokens } from "./response-frames.js";
import { findMarker, type Scenario, ScenarioError, stripMarkers } from "./scenarios.js";

export interface ModelCallRouteDeps {
  config: GeminiStubConfig;
  journal: RequestJournal;
  log: ServiceLog;
  /** The scenario in force (PUT /_stub/scenario); a marker in the message overrides it. */
  currentScenario: () => Scenario | null;
  /** Calls still answering; the server aborts them when it closes. */
  inFlight: Set<AbortController>;
}

/** Only these scenarios apply to countTokens; it streams nothing. */
const COUNT_TOKENS_SCENARIOS = ["rate-limited", "server-error", "unavailable"];

export function handleModelCall(
  deps: ModelCallRouteDeps,
  req: Request,
  res: Response,
  path: ModelPath,
): void {
  const { config } = deps;
  const request = parseModelRequest(req, path);
  const entry = journalModelRequest(deps.journal, req, path, request);
  const call = trackCall(deps, req, res, entry);

  // Order as Google checks: key, then the model resource, then the request body.
  if (!checkApiKey(config.apiKey, req, res)) return;
  const refusal = refusalOf(config, path, request);
  const picked = refusal ? { error: refusal } : pickScenario(deps.currentScenario(), request.message);
  if ("error" in picked) {
    sendGoogleError(res, picked.error);
    return;
  }
  const { scenario } = picked;
  entry.scenario = scenario?.name ?? null;

  const promptTokens = estimateTokens(allText(request.inner));
  const callOf = (kind: CallKind): ModelCall => ({
    kind,
    config,
    scenario,
    message: stripMarkers(request.message),
    frame: {
      modelVersion: path.model,
      responseId: `stub-${entry.id}`,
      promptTokens,
      thoughtsTokens: thoughtsTokensOf(scenario, path.model),
      maxOutputTokens: maxOutputTokensOf(request.inner.generationConfig),
    },
    res,
    ...call,
  });
  if (path.method === "countTokens") {
    if (scenario && COUNT_TOKENS_SCENARIOS.includes(scenario.name)) void runModelCall(callOf("generate"));
    else res.json({ totalTokens: promptTokens });
    return;
  }
  const kind: CallKind =
    path.method === "generateContent" ? "generate" : request.alt === "sse" ? "stream-sse" : "stream-json";
  runModelCall(callOf(kind)).catch((error: unknown) => {
    deps.log(`${entry.id} failed: ${(error as Error).message}`);
    res.destroy();
  });
}

/**
 * Registers the call as in flight and, when its response closes, records how it ended in the journal
 * and logs one line. Returns what the answering code needs to stop early or to mark its own cut.
 */
function trackCall(
  deps: ModelCallRouteDeps,
  req: Request,
  res: Response,
  entry: JournalEntry,
): Pick<ModelCall, "signal" | "onDrop"> {
  const controller = new AbortController();
  deps.inFlight.add(controller);
  let droppedByStub = false;
  const started = Date.now();
  res.on("close", () => {
    deps.inFlight.delete(controller);
    const completed = res.writableFinished && !droppedByStub;
    const aborted = !completed && !droppedByStub && !controller.signal.aborted;
    deps.journal.update(entry, { status: res.headersSent ? res.statusCode : null, completed, aborted });
    controller.abort();
    const outcome = completed ? res.statusCode : aborted ? "aborted by caller" : "cut by stub";
    deps.log(
      `${entry.id} ${req.method} ${req.path} ${outcome} scenario=${entry.scenario ?? "default"} ` +
        `${Date.now() - started}ms`,
    );
  });
  return {
    signal: controller.signal,
    onDrop: () => {
      droppedByStub = true;
    },
  };
}

/** Google's error for an unknown model or method, a body that is not an object, or no contents. */
function refusalOf(
  config: GeminiStubConfig,
  path: ModelPath,
  request: ModelRequest,
): GoogleError | undefined {
  if (path.collection !== "models" || !config.models.includes(path.model) || !isServedMethod(path.method)) {
    return modelNotFound(`${path.collection}/${path.model}`, path.apiVersion, path.method);
  }
  if (request.bodyError) return invalidArgument(request.bodyError);
  const { contents } = request.inner;
  if (!Array.isArray(contents) || contents.length === 0) {
    return invalidArgument("* GenerateContentRequest.contents: contents is not specified\n");
  }
  return undefined;
}

/** The scenario a marker in the message names, else the one in force; a bad marker is INVALID_ARGUMENT. */
function pickScenario(
  current: Scenario | null,
  message: string,
): { scenario: Scenario | null } | { error: GoogleError } {
  try {
    const marker = findMarker(message);
    return { scenario: marker.found ? marker.scenario : current };
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    return { error: invalidArgument(`Stub: ${error.message}`) };
  }
}
