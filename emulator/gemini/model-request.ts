/**
 * Reads a model call's body the way Google does and records it in the journal: the parsed request (or
 * the error Google would give for the body), the last user message, and the journal entry.
 */
import type { Request } from "express";
import { isRecord } from "../common/is-record.js";
import { type JournalEntry, type JournalMethod, type RequestJournal, redactHeaders } from "./journal.js";
import type { ModelPath } from "./model-path.js";
import { lastUserMessage } from "./request-content.js";

const JOURNAL_METHODS: Record<string, JournalMethod> = {
  streamGenerateContent: "stream",
  generateContent: "generate",
  countTokens: "countTokens",
};

export interface ModelRequest {
  /** The GenerateContentRequest: the body, or its `generateContentRequest` for a wrapped countTokens. */
  inner: Record<string, unknown>;
  /** Google's message for a body that is not a JSON object; the call is refused with it after the key check. */
  bodyError?: string;
  /** Last user message, markers still in. */
  message: string;
  alt: "sse" | "json";
}

export function parseModelRequest(req: Request, path: ModelPath): ModelRequest {
  let body: Record<string, unknown> = {};
  let bodyError: string | undefined;
  const raw = typeof req.body === "string" ? req.body : "";
  if (raw.trim() !== "") {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (isRecord(parsed)) body = parsed;
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
  return {
    inner,
    bodyError,
    message: lastUserMessage(inner.contents),
    alt: req.query.alt === "sse" ? "sse" : "json",
  };
}

/** Adds the call to the journal before any check, so refused calls are seen too. */
export function journalModelRequest(
  journal: RequestJournal,
  req: Request,
  path: ModelPath,
  request: ModelRequest,
): JournalEntry {
  const { inner } = request;
  return journal.add({
    model: path.model,
    method: JOURNAL_METHODS[path.method] ?? "other",
    alt: path.method === "streamGenerateContent" ? request.alt : null,
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
}

/** `generationConfig.maxOutputTokens` when it is a positive whole number; otherwise no cap. */
export function maxOutputTokensOf(generationConfig: unknown): number | undefined {
  const value = (generationConfig as { maxOutputTokens?: unknown } | null | undefined)?.maxOutputTokens;
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : undefined;
}
