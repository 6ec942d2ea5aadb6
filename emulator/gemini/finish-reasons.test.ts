import { FinishReason } from "@google/genai";
import { expect, it } from "vitest";
import { chainToPackage } from "../../test/test-support/import-graph.js";
import { FINISH_REASONS } from "./finish-reasons.js";

it("lists exactly the finish reasons of the Gemini SDK's FinishReason enum, in its order", () => {
  expect(FINISH_REASONS).toEqual(Object.values(FinishReason));
});

it("the stack's process does not load the Gemini SDK (the handler's containers do)", () => {
  expect(chainToPackage("emulator/cli/start.ts", "@google/genai")).toBeUndefined();
  // The search follows imports into the stub: it does find the SDK where it is imported.
  expect(chainToPackage("emulator/gemini/finish-reasons.test.ts", "@google/genai")).toBeDefined();
});
