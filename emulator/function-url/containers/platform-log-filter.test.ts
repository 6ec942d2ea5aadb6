/** Lambda developer guide, "Log-level filtering": what reaches the log group in each format. */
import { expect, it } from "vitest";
import { platformLogFilter } from "./platform-log-filter.js";

function pass(logging: Parameters<typeof platformLogFilter>[0], lines: string[]): string[] {
  const kept: string[] = [];
  const log = platformLogFilter(logging, (line) => kept.push(line));
  for (const line of lines) log(line);
  return kept;
}

const LINES = [
  '[container #1] {"level":"DEBUG","message":"token refused"}',
  '[container #1] {"level":"info","message":"request"}',
  '[container #1] {"level":"WARN","message":"upstream failure"}',
  '[container #1] {"level":"CRITICAL","message":"x"}',
  "[container #1] plain text, no level",
  '[container #1] {"level":"LOUD","message":"unknown level"}',
  "START RequestId: r1 Version: $LATEST",
];

it("JSON format: drops the function's lines below the application level; no or unknown level counts as INFO", () => {
  expect(pass({ logFormat: "JSON", applicationLogLevel: "WARN" }, LINES)).toEqual([
    '[container #1] {"level":"WARN","message":"upstream failure"}',
    '[container #1] {"level":"CRITICAL","message":"x"}',
    "START RequestId: r1 Version: $LATEST",
  ]);
  expect(pass({ logFormat: "JSON", applicationLogLevel: "INFO" }, LINES)).toEqual(LINES.slice(1));
  expect(pass({ logFormat: "JSON", applicationLogLevel: "DEBUG" }, LINES)).toEqual(LINES);
});

it("Text format (and no logging config): nothing is filtered", () => {
  expect(pass({ logFormat: "Text" }, LINES)).toEqual(LINES);
  expect(pass(undefined, LINES)).toEqual(LINES);
});
