/**
 * Proof that the suite's judges bite: each one passes a right observation (the control) and fails
 * every wrong one, so a case that passes means what its row says. No stack: the observations are
 * built by hand, as the HTTP client would report them.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { JournalEntry } from "../emulator/gemini/journal.js";
import { SPOILER_NOTICE } from "../handler/src/spoiler-guard.js";
import { SPOILER_CORPUS, type SpoilerCase } from "../handler/src/test-support/spoiler-corpus.js";
import { judgeAnswer, judgeRefusal, modelMark } from "./case.js";
import { judgeFailure } from "./cases/faults.js";
import { secretCases } from "./cases/secrets.js";
import { judgeSpoiler } from "./cases/spoiler.js";
import type { AttackResponse } from "./http.js";
import { createTarget, type Target } from "./target.js";

const SIZES = { fuzzCases: 1, loadConcurrent: 1, loadSequential: 1, fuzzConcurrency: 1 };
const API_KEY = `key-${randomBytes(8).toString("hex")}`;

/** A target whose model journal and logs the test fills by hand. */
function fakeTarget(): { target: Target; journal: JournalEntry[]; logs: string[] } {
  const journal: JournalEntry[] = [];
  const logs: string[] = [];
  const target = createTarget({
    label: "judges",
    endpoint: "http://127.0.0.1:1/chatbot",
    sizes: SIZES,
    geminiApiKey: API_KEY,
    validToken: async () => "t",
    local: {
      mint: async () => "t",
      journal: async () => journal,
      logs: () => logs,
      stubMarkers: true,
      modelTimeoutMs: 4000,
    },
  });
  return { target, journal, logs };
}

const modelCall = (n: number) => ({ id: `req-${n}` }) as JournalEntry;

function response(fields: Partial<AttackResponse>): AttackResponse {
  return {
    status: 200,
    headers: {},
    body: "",
    frames: [],
    done: false,
    text: "",
    ms: 10,
    disconnected: false,
    ...fields,
  };
}

const refusal = (message = "The ID token is not valid (signature).", extra: Partial<AttackResponse> = {}) =>
  response({
    status: 401,
    headers: { "www-authenticate": 'Bearer error="invalid_token"', "content-type": "application/json" },
    body: JSON.stringify({ error: { code: "TOKEN_INVALID", message, requestId: "r" } }),
    ...extra,
  });

const stream = (text: string, extra: Partial<AttackResponse> = {}) =>
  response({
    headers: { "content-type": "text/event-stream; charset=utf-8" },
    frames: [{ data: JSON.stringify({ chunk: text }), event: undefined, id: undefined }],
    done: true,
    text,
    ...extra,
  });

describe("refusal judge", () => {
  const codes = ["TOKEN_INVALID"];

  it("passes the pinned 401 with no model call (control)", async () => {
    const { target, journal } = fakeTarget();
    journal.push(modelCall(1));
    const mark = await modelMark(target);
    expect((await judgeRefusal(target, refusal(), mark, { codes })).pass).toBe(true);
  });

  it.each([
    ["a 200", refusal(undefined, { status: 200 })],
    [
      "another code",
      refusal(undefined, { body: JSON.stringify({ error: { code: "TOKEN_EXPIRED", message: "x" } }) }),
    ],
    ["no WWW-Authenticate", refusal(undefined, { headers: {} })],
    ["a library name in the message", refusal("JwtInvalidSignatureError: bad")],
    ["a key id in the message", refusal("unknown kid abc")],
    ["a URL in the message", refusal("fetch https://cognito-idp.example/jwks failed")],
    ["a message over 200 characters", refusal("x".repeat(201))],
  ])("fails on %s", async (_, res) => {
    const { target } = fakeTarget();
    expect((await judgeRefusal(target, res, await modelMark(target), { codes })).pass).toBe(false);
  });

  it("fails when the message echoes the token, or the model was called after the mark", async () => {
    const { target, journal } = fakeTarget();
    const echoed = refusal("token eyJhbGciOiJSUzI1NiJ9abc is bad");
    expect(
      (await judgeRefusal(target, echoed, 0, { codes, secretsInMessage: ["eyJhbGciOiJSUzI1NiJ9abc"] })).pass,
    ).toBe(false);
    const mark = await modelMark(target);
    journal.push(modelCall(7));
    const outcome = await judgeRefusal(target, refusal(), mark, { codes });
    expect(outcome).toMatchObject({ pass: false, observed: expect.stringContaining("model called 1x") });
  });
});

describe("stream judge", () => {
  it("passes 200, SSE, text and [DONE] (control)", () => {
    expect(judgeAnswer(stream("Hello")).pass).toBe(true);
  });

  it.each([
    ["no [DONE]", stream("Hello", { done: false })],
    ["an error event", stream("Hello", { streamErrorCode: "UPSTREAM_ERROR" })],
    ["no text", stream("")],
    ["not SSE", stream("Hello", { headers: { "content-type": "application/json" } })],
    ["a 500", stream("Hello", { status: 500 })],
  ])("fails on %s", (_, res) => {
    expect(judgeAnswer(res).pass).toBe(false);
  });
});

describe("fault judge", () => {
  const refusedWith = (status: number, code: string, headers = {}) =>
    response({ status, headers, body: JSON.stringify({ error: { code, message: "m" } }) });

  it("passes the status before the stream or the error event after it (control)", () => {
    expect(
      judgeFailure(refusedWith(503, "UPSTREAM_UNAVAILABLE"), ["UPSTREAM_UNAVAILABLE"], 503, 5000).pass,
    ).toBe(true);
    expect(
      judgeFailure(
        refusedWith(429, "UPSTREAM_RATE_LIMITED", { "retry-after": "7" }),
        ["UPSTREAM_RATE_LIMITED"],
        429,
        5000,
      ).pass,
    ).toBe(true);
    expect(
      judgeFailure(
        stream("x", { done: false, streamErrorCode: "UPSTREAM_TIMEOUT" }),
        ["UPSTREAM_TIMEOUT"],
        504,
        5000,
      ).pass,
    ).toBe(true);
  });

  it.each([
    ["a complete answer", stream("x"), ["UPSTREAM_TIMEOUT"], 504],
    [
      "[DONE] after the error event",
      stream("x", { streamErrorCode: "UPSTREAM_TIMEOUT" }),
      ["UPSTREAM_TIMEOUT"],
      504,
    ],
    [
      "another error event",
      stream("x", { done: false, streamErrorCode: "UPSTREAM_ERROR" }),
      ["UPSTREAM_TIMEOUT"],
      504,
    ],
    ["another status", refusedWith(502, "UPSTREAM_UNAVAILABLE"), ["UPSTREAM_UNAVAILABLE"], 503],
    ["another code", refusedWith(503, "INTERNAL"), ["UPSTREAM_UNAVAILABLE"], 503],
    ["429 without Retry-After", refusedWith(429, "UPSTREAM_RATE_LIMITED"), ["UPSTREAM_RATE_LIMITED"], 429],
    ["no answer at all", response({ status: 0, error: "timed out" }), ["UPSTREAM_TIMEOUT"], 504],
    [
      "an answer after the deadline",
      { ...refusedWith(503, "UPSTREAM_UNAVAILABLE"), ms: 20_000 },
      ["UPSTREAM_UNAVAILABLE"],
      503,
    ],
  ] as const)("fails on %s", (_, res, codes, status) => {
    expect(judgeFailure(res, [...codes], status, 5000).pass).toBe(false);
  });
});

describe("secrets judge", () => {
  const [sec01, sec02] = secretCases;
  const token = [randomBytes(20), randomBytes(120), randomBytes(256)]
    .map((b) => b.toString("base64url"))
    .join(".");

  it("passes clean responses and logs (control)", async () => {
    const { target, logs } = fakeTarget();
    target.secrets.addAuthorizationValue(`Bearer ${token}`);
    target.secrets.record("TOK-01 body", '{"error":{"code":"TOKEN_MISSING"}}');
    logs.push('{"outcome":"TOKEN_MISSING"}');
    expect((await sec01?.run(target))?.pass).toBe(true);
    expect((await sec02?.run(target))?.pass).toBe(true);
  });

  it.each([
    ["the API key in a body", (t: Target) => t.secrets.record("x body", `key=${API_KEY}`)],
    [
      "a token's signature in a header",
      (t: Target) => t.secrets.record("x headers", token.split(".")[2] ?? ""),
    ],
    ["nothing recorded at all", () => {}],
    [
      "texts over the memory bound",
      (t: Target) => {
        t.secrets.record("x body", "ok");
        t.secrets.dropped = 1;
      },
    ],
  ])("SEC-01 fails on %s", async (_, leak) => {
    const { target } = fakeTarget();
    target.secrets.addAuthorizationValue(`Bearer ${token}`);
    leak(target);
    expect((await sec01?.run(target))?.pass).toBe(false);
  });

  it.each([
    ["the API key in a log line", [`calling with ${API_KEY}`]],
    ["a token's payload in a log line", [`token ${token.split(".")[1]}`]],
    ["no log lines at all", []],
  ])("SEC-02 fails on %s", async (_, lines) => {
    const { target, logs } = fakeTarget();
    target.secrets.addAuthorizationValue(`Bearer ${token}`);
    logs.push(...lines);
    expect((await sec02?.run(target))?.pass).toBe(false);
  });
});

describe("spoiler judge", () => {
  const honest = SPOILER_CORPUS.find((c) => c.expect.kind === "untouched") as SpoilerCase;
  const adversarial = SPOILER_CORPUS.find((c) => c.id === "SPL-23") as SpoilerCase;
  const withheldView = `Part one:\n\nx\n\nPart two:\n\n${SPOILER_NOTICE}\nPart three:\n\n${SPOILER_NOTICE}\nDone.\n`;

  it("passes the honest answer byte for byte, and the notice with the prose kept (control)", () => {
    expect(judgeSpoiler(honest, stream(honest.answer)).pass).toBe(true);
    expect(judgeSpoiler(adversarial, stream(withheldView)).pass).toBe(true);
  });

  it.each([
    ["an honest answer changed by one character", honest, stream(`${honest.answer} `)],
    ["an honest answer replaced by the notice", honest, stream(SPOILER_NOTICE)],
    ["the withheld code shown", adversarial, stream(adversarial.answer)],
    ["no notice", adversarial, stream(withheldView.replaceAll(SPOILER_NOTICE, ""))],
    ["the prose lost", adversarial, stream(withheldView.replace("Done.", ""))],
    ["an incomplete stream", adversarial, stream(withheldView, { done: false })],
  ])("fails on %s", (_, c, res) => {
    expect(judgeSpoiler(c, res).pass).toBe(false);
  });
});
