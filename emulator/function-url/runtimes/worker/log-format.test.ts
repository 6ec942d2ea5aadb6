/** The worker runtime's console lines against aws-lambda-ric 4.0.2's formatter and level filter. */
import { expect, it } from "vitest";
import { consoleLevelEnabled, formatConsoleLine } from "./log-format.js";

const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

it("TEXT (the default): time, request id, level, formatted message; newlines become CR", () => {
  const [time, ...rest] = formatConsoleLine("INFO", "req-1", ["a %d\nb", 5], {}).split("\t");
  expect(time).toMatch(TIME);
  expect(rest).toEqual(["req-1", "INFO", "a 5\rb"]);
});

it("AWS_LAMBDA_LOG_FORMAT=JSON: one object with timestamp, level, requestId and the message as given", () => {
  const env = { AWS_LAMBDA_LOG_FORMAT: "json" };
  const line = JSON.parse(formatConsoleLine("WARN", "req-2", [{ a: 1 }], env));
  expect(line).toEqual({
    timestamp: expect.stringMatching(TIME),
    level: "WARN",
    requestId: "req-2",
    message: { a: 1 },
  });
  expect(JSON.parse(formatConsoleLine("INFO", "r", ["n=%d", 3], env)).message).toBe("n=3");
});

it("JSON: an Error becomes errorType, errorMessage and stackTrace lines, and the line stays one line", () => {
  const env = { AWS_LAMBDA_LOG_FORMAT: "JSON" };
  const alone = formatConsoleLine("ERROR", "r", [new TypeError("bad")], env);
  expect(alone).not.toContain("\n");
  expect(JSON.parse(alone).message).toMatchObject({ errorType: "TypeError", errorMessage: "bad" });
  const withText = JSON.parse(formatConsoleLine("ERROR", "r", ["failed:", new RangeError("x")], env));
  expect(withText).toMatchObject({ errorType: "RangeError", errorMessage: "x" });
  expect(withText.stackTrace[0]).toBe("RangeError: x");
});

it("AWS_LAMBDA_LOG_LEVEL silences the console methods below it; FATAL always prints; unset prints all", () => {
  const warn = { AWS_LAMBDA_LOG_LEVEL: "warn" };
  expect(
    (["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"] as const).map((l) => consoleLevelEnabled(l, warn)),
  ).toEqual([false, false, false, true, true, true]);
  expect(consoleLevelEnabled("FATAL", { AWS_LAMBDA_LOG_LEVEL: "FATAL" })).toBe(true);
  expect(consoleLevelEnabled("TRACE", {})).toBe(true);
  expect(consoleLevelEnabled("TRACE", { AWS_LAMBDA_LOG_LEVEL: "LOUD" })).toBe(true);
});
