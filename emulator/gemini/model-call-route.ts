/**
 * One model call along its path: read the body, journal it, check as Google does (key, then the model
 * resource as the catalogue serves it today, then the body and its thinking config), pick the scenario,
 * then answer (model-call.ts).
 */
import type { Request, Response } from "express";
import type { GeminiStubConfig } from "../config/types.js";
import type { ServiceLog } from "../stack/logger.js";
import { checkApiKey } from "./api-key.js";
import { lookupModel, type Served } from "./catalogue.js";
import { type GoogleError, invalidArgument, modelNotFound } from "./google-errors.js";
import type { JournalEntry, RequestJournal } from "./journal.js";
import { type CallKind, type ModelCall, runModelCall, sendGoogleError } from "./model-call.js";
import { isServedMethod, type ModelPath } from "./model-path.js";
import {
  journalModelRequest,
  type ModelRequest,
  maxOutputTokensOf,
  parseModelRequest,
} from "./model-request.js";
import { allText } from "./request-content.js";
import { estimateTokens } from "./response-frames.js";
import { findMarker, type Scenario, ScenarioError, stripMarkers } from "./scenarios.js";
import { splitCap, thoughtsOf } from "./thinking.js";

export interface ModelCallRouteDeps {
  config: GeminiStubConfig;
  journal: RequestJournal;
  log: ServiceLog;
  /** The scenario in force (PUT /_stub/scenario); a marker in the message overrides it. */
  currentScenario: () => Scenario | null;
  /** Calls still answering; the server aborts them when it closes. */
  inFlight: Set<AbortController>;
  /** The stub's today: which models are current, preview, deprecated or past their end. */
  clock: () => Date;
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
  const served = lookupModel(path.model, deps.clock(), config.retiredModels);
  const call = trackCall(deps, req, res, entry, servedNote(served));

  // Order as Google checks: key, then the model resource, then the request body.
  if (!checkApiKey(config.apiKey, req, res)) return;
  const refusal = refusalOf(path, request, served);
  const picked = refusal ? { error: refusal } : pickScenario(deps.currentScenario(), request.message);
  if ("error" in picked) {
    sendGoogleError(res, picked.error);
    return;
  }
  const { scenario } = picked;
  entry.scenario = scenario?.name ?? null;
  // The model that answers: itself, or the one Google routes a retired id to.
  const answering = (served.kind === "routed" ? served.to : served.kind === "model" ? served.row : undefined)
    ?.gemini;
  if (!answering) throw new Error("unreachable: refusalOf lets only served models through");
  const thinking = thoughtsOf(answering, request.inner.generationConfig, scenario);
  if ("error" in thinking) {
    sendGoogleError(res, thinking.error);
    return;
  }
  const cap = maxOutputTokensOf(request.inner.generationConfig) ?? answering.outputTokenLimit;
  const split = splitCap(cap, thinking.thoughts, scenario);

  const promptTokens = estimateTokens(allText(request.inner));
  const callOf = (kind: CallKind): ModelCall => ({
    kind,
    config,
    scenario,
    message: stripMarkers(request.message),
    frame: {
      modelVersion: served.kind === "routed" ? served.to.id : path.model,
      responseId: `stub-${entry.id}`,
      promptTokens,
      thinkingModel: answering.thinking.kind !== "none",
      thoughtsTokens: split.thoughts,
      answerTokens: split.answerTokens,
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
  note: string,
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
        `${Date.now() - started}ms${note}`,
    );
  });
  return {
    signal: controller.signal,
    onDrop: () => {
      droppedByStub = true;
    },
  };
}

/** What the log line says about the model beyond its name: a preview, deprecated, routed or retired one. */
function servedNote(served: Served): string {
  if (served.kind === "routed") return ` model routed to ${served.to.id} (as Google routes ${served.row.id})`;
  if (served.kind === "not-found") {
    if (!served.row) return "";
    return ` model shut down${served.row.end ? ` ${served.row.end}` : ""} (404 as Google answers)`;
  }
  if (served.stage === "preview") return " preview model";
  if (served.stage === "deprecated") return " deprecated model";
  return "";
}

/**
 * Google's error for a model it does not serve (unknown, or past its end under the `not-found` reading),
 * an unknown method, a body that is not an object, or no contents.
 */
function refusalOf(path: ModelPath, request: ModelRequest, served: Served): GoogleError | undefined {
  if (path.collection !== "models" || served.kind === "not-found" || !isServedMethod(path.method)) {
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
