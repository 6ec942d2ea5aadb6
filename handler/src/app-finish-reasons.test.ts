/**
 * Every finishReason the Gemini API documents ends the stream cleanly (handler/README.md, "When the
 * model stops"): STOP with the whole answer and `[DONE]`; any other reason with the text sent so far,
 * then the pinned `event: error` and no `[DONE]`. The list is @google/genai's own `FinishReason`.
 */
import { FinishReason } from "@google/genai";
import { expect, it } from "vitest";
import { FINISH_OUTCOMES } from "./model/finish-reason.js";
import { appHarnessForFile, expectError } from "./test-support/app-suite.js";
import { chatEvent, chunksOf, invoke, sseData } from "./test-support/harness.js";

const h = appHarnessForFile();

const CUT = "The answer was cut at the model's output limit. Try a narrower question.";
const declined = (reason: string) => `The model declined to answer (${reason}). Try rephrasing the question.`;
const stopped = (reason: string) => `The model stopped without a complete answer (${reason}). Try again.`;

/** The decision for each reason, written out here so the test pins it (reasons: handler/README.md). */
const EXPECTED: Record<string, string | "[DONE]"> = {
  STOP: "[DONE]",
  MAX_TOKENS: CUT,
  CONTINUATION: CUT,
  SAFETY: declined("SAFETY"),
  RECITATION: declined("RECITATION"),
  LANGUAGE: declined("LANGUAGE"),
  BLOCKLIST: declined("BLOCKLIST"),
  PROHIBITED_CONTENT: declined("PROHIBITED_CONTENT"),
  SPII: declined("SPII"),
  MALFORMED_FUNCTION_CALL: stopped("MALFORMED_FUNCTION_CALL"),
  UNEXPECTED_TOOL_CALL: stopped("UNEXPECTED_TOOL_CALL"),
  TOO_MANY_TOOL_CALLS: stopped("TOO_MANY_TOOL_CALLS"),
  IMAGE_SAFETY: stopped("IMAGE_SAFETY"),
  IMAGE_PROHIBITED_CONTENT: stopped("IMAGE_PROHIBITED_CONTENT"),
  IMAGE_RECITATION: stopped("IMAGE_RECITATION"),
  IMAGE_OTHER: stopped("IMAGE_OTHER"),
  NO_IMAGE: stopped("NO_IMAGE"),
  OTHER: stopped("OTHER"),
  FINISH_REASON_UNSPECIFIED: stopped("FINISH_REASON_UNSPECIFIED"),
};

it("decides every finish reason @google/genai knows, and the handler's table knows the same ones", () => {
  expect(Object.keys(EXPECTED).sort()).toEqual(Object.values(FinishReason).sort());
  expect(Object.keys(FINISH_OUTCOMES).sort()).toEqual(Object.values(FinishReason).sort());
});

it.each(Object.values(FinishReason).map((reason) => [reason, EXPECTED[reason]]))(
  "finishReason %s after two pieces: %s",
  async (reason, expected) => {
    h.stub.scenario = { pieces: ["Think about ", "the loop bound."], finishReason: reason };
    const result = await invoke(h.build(), chatEvent(h.idp.mint()));
    expect(result.statusCode).toBe(200);
    expect(chunksOf(result.body).join("")).toBe("Think about the loop bound.");
    if (expected === "[DONE]") {
      expect(result.body.endsWith("data: [DONE]\n\n")).toBe(true);
      return;
    }
    expect(result.body).not.toContain("[DONE]");
    const event = JSON.stringify({ error: { code: "UPSTREAM_ERROR", message: expected } });
    expect(result.body.endsWith(`event: error\ndata: ${event}\n\n`)).toBe(true);
  },
);

it("a reason Google adds later is not taken for a complete answer", async () => {
  h.stub.scenario = { pieces: ["Partial"], finishReason: "SOMETHING_NEW" };
  const result = await invoke(h.build(), chatEvent(h.idp.mint()));
  expect(result.body).not.toContain("[DONE]");
  expect(JSON.parse(sseData(result.body).at(-1) ?? "{}").error.message).toBe(stopped("SOMETHING_NEW"));
});

it("a stream that ends without any finish reason is not a complete answer", async () => {
  h.stub.scenario = { pieces: ["Think about ", "the loop"], noFinishReason: true };
  const result = await invoke(h.build(), chatEvent(h.idp.mint()));
  expect(chunksOf(result.body).join("")).toBe("Think about the loop");
  expect(result.body).not.toContain("[DONE]");
  expect(JSON.parse(sseData(result.body).at(-1) ?? "{}").error.message).toBe(stopped("no finish reason"));
});

// Before any text the failure is still an HTTP answer (docs/interfaces.md#sse-stream: a failure before
// anything was written), e.g. thinking used up the whole cap and the model sent MAX_TOKENS with no text at
// all.
it("MAX_TOKENS with no text at all is a 502 UPSTREAM_ERROR before the stream starts", async () => {
  h.stub.scenario = { pieces: [""], finishReason: "MAX_TOKENS" };
  const result = await invoke(h.build(), chatEvent(h.idp.mint()));
  expectError(
    result,
    502,
    "UPSTREAM_ERROR",
    "The answer was cut at the model's output limit. Try a narrower question.",
  );
});
