/**
 * Routing, content checks and the body schema (pinned: docs/interfaces.md#request-body).
 * Limits are enforced here so nothing oversized reaches the prompt or the model.
 */
import type { LambdaFunctionURLEvent } from "aws-lambda";
import {
  InvalidJsonError,
  InvalidRequestError,
  MethodNotAllowedError,
  NotFoundError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
} from "./errors.js";

export const LIMITS = {
  bodyBytes: 256 * 1024,
  queryChars: 4000,
  userCodeBytes: 64 * 1024,
  historyTurns: 40,
  turnChars: 8000,
  problemDetailsBytes: 32 * 1024,
  /** Levels of objects and arrays a body may nest (the body itself is level 1). */
  jsonDepth: 32,
} as const;

export type Role = "user" | "model";

export interface Turn {
  role: Role;
  content: string;
}

export interface ProblemDetails {
  title: string;
  description: string;
  /** Other primitive fields the page sends (constraints, examples...), kept as data only. */
  extra: Array<[string, string]>;
}

/** A chat body that passed validation: what the prompt is built from (the client sends `ChatRequest`, frontend/src/lib/chat-types.ts). */
export interface ValidChatRequest {
  query: string;
  userCode?: string;
  history: Turn[];
  problemDetails?: ProblemDetails;
}

const CHATBOT_PATH = "/chatbot";

/** 404 for other paths, 405 (`Allow: POST`) for other methods on the route. */
export function checkRoute(event: Pick<LambdaFunctionURLEvent, "rawPath" | "requestContext">): void {
  const path = event.rawPath.length > 1 ? event.rawPath.replace(/\/+$/, "") : event.rawPath;
  if (path !== CHATBOT_PATH) throw new NotFoundError(`No route for ${truncate(event.rawPath, 200)}.`);
  const method = event.requestContext.http.method.toUpperCase();
  if (method !== "POST")
    throw new MethodNotAllowedError(`Method ${truncate(method, 20)} is not allowed; use POST.`);
}

/** Content type, size and JSON checks, then the schema. */
export function parseChatRequest(
  event: Pick<LambdaFunctionURLEvent, "headers" | "body" | "isBase64Encoded">,
): ValidChatRequest {
  const contentType = event.headers?.["content-type"];
  const mediaType = contentType?.split(";")[0]?.trim().toLowerCase();
  if (mediaType !== "application/json") {
    throw new UnsupportedMediaTypeError("Content-Type must be application/json.");
  }
  // Bodies of other types arrive base64 with isBase64Encoded (docs/platform-facts.md#function-url-event).
  const bytes = Buffer.from(event.body ?? "", event.isBase64Encoded ? "base64" : "utf8");
  if (bytes.length > LIMITS.bodyBytes) {
    throw new PayloadTooLargeError(`The body is ${bytes.length} bytes; the limit is ${LIMITS.bodyBytes}.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString("utf8"));
  } catch {
    throw new InvalidJsonError("The body is not valid JSON.");
  }
  return validateChatRequest(parsed);
}

/** The schema; unknown top-level keys are ignored, never copied. */
export function validateChatRequest(body: unknown): ValidChatRequest {
  if (!isRecord(body)) throw new InvalidRequestError("body", "must be a JSON object");
  checkDepth(body);
  return {
    query: validateQuery(body.query),
    userCode: validateUserCode(body.userCode),
    history: validateHistory(body.history),
    problemDetails: validateProblemDetails(body.problemDetails),
  };
}

function validateQuery(value: unknown): string {
  if (typeof value !== "string") throw new InvalidRequestError("query", "must be a string");
  if (value.trim().length === 0) throw new InvalidRequestError("query", "must not be empty");
  if (value.length > LIMITS.queryChars) {
    throw new InvalidRequestError("query", `must be at most ${LIMITS.queryChars} characters`);
  }
  return value;
}

function validateUserCode(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw new InvalidRequestError("userCode", "must be a string");
  if (Buffer.byteLength(value, "utf8") > LIMITS.userCodeBytes) {
    throw new InvalidRequestError("userCode", `must be at most ${LIMITS.userCodeBytes} bytes`);
  }
  return value;
}

function validateHistory(value: unknown): Turn[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new InvalidRequestError("history", "must be an array");
  if (value.length > LIMITS.historyTurns) {
    throw new InvalidRequestError("history", `must have at most ${LIMITS.historyTurns} turns`);
  }
  return value.map((turn: unknown, i): Turn => {
    const field = `history[${i}]`;
    if (!isRecord(turn)) throw new InvalidRequestError(field, "must be an object");
    if (turn.role !== "user" && turn.role !== "model") {
      throw new InvalidRequestError(`${field}.role`, 'must be "user" or "model"');
    }
    if (typeof turn.content !== "string")
      throw new InvalidRequestError(`${field}.content`, "must be a string");
    if (turn.content.length > LIMITS.turnChars) {
      throw new InvalidRequestError(`${field}.content`, `must be at most ${LIMITS.turnChars} characters`);
    }
    return { role: turn.role, content: turn.content };
  });
}

// Keys that could reach an object's prototype if ever assigned with `obj[key] = ...`; never kept.
const UNSAFE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

function validateProblemDetails(value: unknown): ProblemDetails | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) throw new InvalidRequestError("problemDetails", "must be an object");
  if (Buffer.byteLength(JSON.stringify(value), "utf8") > LIMITS.problemDetailsBytes) {
    throw new InvalidRequestError("problemDetails", `must be at most ${LIMITS.problemDetailsBytes} bytes`);
  }
  if (typeof value.title !== "string")
    throw new InvalidRequestError("problemDetails.title", "must be a string");
  if (typeof value.description !== "string") {
    throw new InvalidRequestError("problemDetails.description", "must be a string");
  }
  const extra: Array<[string, string]> = [];
  for (const [key, field] of Object.entries(value)) {
    if (key === "title" || key === "description" || UNSAFE_KEYS.has(key)) continue;
    if (typeof field === "string" || typeof field === "number" || typeof field === "boolean") {
      extra.push([key, String(field)]);
    }
  }
  return { title: value.title, description: value.description, extra };
}

/**
 * Refuses a body that nests deeper than LIMITS.jsonDepth, naming the field it nests in. JSON.parse
 * reads any depth, but anything that walks a value recursively (JSON.stringify among them) overflows
 * the stack near 5,000 levels; this walk uses its own stack, so any depth the body limit allows gets
 * the 400.
 */
function checkDepth(body: Record<string, unknown>): void {
  const stack: Array<{ value: unknown; depth: number; field: string }> = [
    { value: body, depth: 1, field: "body" },
  ];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { value, depth, field } = item;
    if (typeof value !== "object" || value === null) continue;
    if (depth > LIMITS.jsonDepth) {
      throw new InvalidRequestError(field, `must not nest deeper than ${LIMITS.jsonDepth} levels`);
    }
    // The field named is the top-level key and the one below it: enough to find it, never a long path.
    const name = (key: string) =>
      depth === 1 ? key : depth === 2 ? `${field}${Array.isArray(value) ? `[${key}]` : `.${key}`}` : field;
    for (const [key, child] of Object.entries(value))
      stack.push({ value: child, depth: depth + 1, field: name(key) });
  }
}

// A copy of emulator/common/is-record.ts kept on purpose: the handler ships alone and imports nothing
// from the emulator (TESTING.md, "copies kept on purpose").
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}...` : text;
}
