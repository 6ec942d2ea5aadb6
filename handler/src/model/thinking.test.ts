import { expect, it } from "vitest";
import { modelFamily, thinkingConfigFor } from "./thinking.js";

it.each([
  ["gemini-3.8-flash", "level"],
  ["gemini-3.1-pro-preview", "level"],
  ["gemini-3-flash-preview", "level"],
  ["gemini-4-flash", "level"],
  ["gemini-2.5-flash-lite", "budget"],
  ["gemini-2.5-pro", "budget"],
  ["gemini-2.0-flash", "none"],
  ["gemini-1.5-flash", "none"],
  ["learnlm-2.0-flash", "none"],
])("%s thinks by %s", (model, family) => {
  expect(modelFamily(model)).toBe(family);
});

it("gives Gemini 3.x the level, Gemini 2.5 a budget, older models nothing", () => {
  expect(thinkingConfigFor("gemini-3.8-flash", "low")).toEqual({ thinkingLevel: "LOW" });
  expect(thinkingConfigFor("gemini-3.8-flash", "high")).toEqual({ thinkingLevel: "HIGH" });
  expect(thinkingConfigFor("gemini-2.5-flash-lite", "low")).toEqual({ thinkingBudget: 1024 });
  // 512: the least every 2.5 model accepts (2.5 Pro cannot turn thinking off; Flash-Lite takes 0 or 512+).
  expect(thinkingConfigFor("gemini-2.5-pro", "minimal")).toEqual({ thinkingBudget: 512 });
  expect(thinkingConfigFor("gemini-2.0-flash", "low")).toBeUndefined();
});
