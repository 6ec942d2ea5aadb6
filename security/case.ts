/**
 * One attack or fault: an id (TOK-01), what is tried, what must happen, the powers it needs, and `run`,
 * which reports what it saw and whether that held. Shared checks live here so every case judges alike.
 */
import { SAMPLE_REQUEST } from "../emulator/stack/sample-request.js";
import { viewerHeaders } from "../emulator/stack/viewer-request.js";
import { type AttackResponse, errorCodeOf, errorMessageOf } from "./http.js";
import type { Power, Target } from "./target.js";

export type Category =
  | "control"
  | "tokens"
  | "edge"
  | "exposure"
  | "input"
  | "faults"
  | "secrets"
  | "load"
  | "spoiler";

export interface Outcome {
  pass: boolean;
  observed: string;
}

export interface AttackCase {
  id: string;
  category: Category;
  /** The attack, in a few words. */
  name: string;
  expected: string;
  needs?: Power[];
  /** Upper bound for `run`; the runner fails the case after it. Default 30 s. */
  timeoutMs?: number;
  run(target: Target): Promise<Outcome>;
}

export function chatBody(query: string = SAMPLE_REQUEST.query, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ ...SAMPLE_REQUEST, query, ...extra });
}

/** POSTs a chat to the viewer endpoint with the given Authorization value (undefined: none). */
export function postChat(
  target: Target,
  where: string,
  authorization: string | undefined,
  options: { body?: string | Buffer; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<AttackResponse> {
  const body = options.body ?? chatBody();
  return target.send(where, {
    url: target.endpoint,
    method: "POST",
    headers: { ...viewerHeaders(body, authorization), ...options.headers },
    body,
    timeoutMs: options.timeoutMs ?? 20_000,
  });
}

/** A mark in the model's request journal: the highest request number so far (undefined without the journal). */
export async function modelMark(target: Target): Promise<number | undefined> {
  if (!target.local?.journal) return undefined;
  const entries = await target.local.journal();
  return entries.reduce((max, e) => Math.max(max, Number(e.id.replace(/\D/g, "")) || 0), 0);
}

/** How many model calls arrived after `mark` (0 when the journal is not available). */
export async function modelCallsSince(target: Target, mark: number | undefined): Promise<number> {
  if (mark === undefined || !target.local?.journal) return 0;
  const entries = await target.local.journal();
  return entries.filter((e) => (Number(e.id.replace(/\D/g, "")) || 0) > mark).length;
}

export function describe(res: AttackResponse): string {
  if (res.status === 0) return `no answer (${res.error ?? "?"})`;
  const code = errorCodeOf(res.body) ?? awsErrorOf(res);
  const stream =
    res.frames.length > 0 ? `, ${res.frames.length} SSE events${res.done ? " + [DONE]" : ""}` : "";
  const streamError = res.streamErrorCode ? `, event: error ${res.streamErrorCode}` : "";
  return `${res.status}${code ? ` ${code}` : ""}${stream}${streamError}`;
}

function awsErrorOf(res: AttackResponse): string | undefined {
  const type = res.headers["x-amzn-errortype"];
  if (typeof type === "string") return type;
  if (String(res.headers["x-cache"] ?? "").startsWith("Error from cloudfront"))
    return "CloudFront error page";
  return undefined;
}

/** Words an error message must never carry: they would help an attacker tune a forged token. */
const LEAKY = [
  /Jwt\w*Error|Jwks\w*Error/,
  /\bkid\b/i,
  /jwks/i,
  /alg(orithm)?\b/i,
  /RS256|HS256/,
  /\bat\s+\S+\s+\(/,
  /Error:/,
  /cognito-idp/i,
  /https?:\/\//i,
];

/**
 * The pinned 401: status, one of `codes`, `WWW-Authenticate: Bearer error="invalid_token"`, a short
 * message without library or key details, and no model call.
 */
export async function judgeRefusal(
  target: Target,
  res: AttackResponse,
  mark: number | undefined,
  expect: { statuses?: number[]; codes?: string[]; secretsInMessage?: string[] } = {},
): Promise<Outcome> {
  const statuses = expect.statuses ?? [401];
  const problems: string[] = [];
  if (!statuses.includes(res.status)) problems.push(`status ${res.status}`);
  const code = errorCodeOf(res.body);
  if (res.status === 401) {
    if (expect.codes && (!code || !expect.codes.includes(code))) problems.push(`code ${code ?? "none"}`);
    const www = String(res.headers["www-authenticate"] ?? "");
    if (!/^Bearer\s+error="invalid_token"/.test(www)) problems.push(`WWW-Authenticate "${www}"`);
    const message = errorMessageOf(res.body) ?? "";
    if (message.length > 200) problems.push("message over 200 characters");
    for (const pattern of LEAKY)
      if (pattern.test(message)) problems.push(`message mentions ${pattern.source}`);
    for (const secret of expect.secretsInMessage ?? [])
      if (secret && message.includes(secret)) problems.push("message echoes input");
  }
  const calls = await modelCallsSince(target, mark);
  if (calls > 0) problems.push(`model called ${calls}x`);
  const journal = mark === undefined ? "" : ", model not called";
  return {
    pass: problems.length === 0,
    observed:
      problems.length === 0 ? `${describe(res)}${journal}` : `${describe(res)}: ${problems.join("; ")}`,
  };
}

/** A complete streamed answer: 200, SSE content type, text, `[DONE]`, no error event. */
export function judgeAnswer(res: AttackResponse): Outcome {
  const problems: string[] = [];
  if (res.status !== 200) problems.push(`status ${res.status}`);
  if (!String(res.headers["content-type"] ?? "").startsWith("text/event-stream")) problems.push("not SSE");
  if (!res.done) problems.push("no [DONE]");
  if (res.streamErrorCode) problems.push(`error event ${res.streamErrorCode}`);
  if (res.text.length === 0) problems.push("no text");
  return {
    pass: problems.length === 0,
    observed:
      problems.length === 0
        ? `${describe(res)}, ${res.text.length} chars`
        : `${describe(res)}: ${problems.join("; ")}`,
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
