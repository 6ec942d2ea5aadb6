import { expect, it } from "vitest";
import { editDistance, nearest } from "./nearest.js";

it("nearest finds a typo's intended name and nothing for an unrelated word", () => {
  expect(editDistance("kitten", "sitting")).toBe(3);
  expect(nearest("timeoutSecond", ["timeoutSeconds", "memoryMb"])).toBe("timeoutSeconds");
  expect(nearest("qqq", ["timeoutSeconds", "memoryMb"])).toBeUndefined();
});
