import { afterEach, expect, it, vi } from "vitest";
import type { LogLevel } from "./config.js";
import { createLogger } from "./log.js";
import { redact } from "./redact.js";

const entry = {
  requestId: "r1",
  sub: "s1",
  outcome: "OK",
  status: 200,
  latencyMs: 5,
  chunks: 2,
  streamed: true,
};

function capture(level: LogLevel, secrets: string[] = []) {
  const lines: string[] = [];
  const logger = createLogger(level, { write: (line) => lines.push(line), secrets });
  return { logger, lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

afterEach(() => vi.unstubAllEnvs());

it("writes one JSON line per request, at error level for 5xx", () => {
  const { logger, parsed } = capture("info");
  logger.request(entry);
  logger.request({ ...entry, outcome: "UPSTREAM_ERROR", status: 502 });
  expect(parsed()).toMatchObject([
    { level: "INFO", message: "request", ...entry },
    { level: "ERROR", outcome: "UPSTREAM_ERROR" },
  ]);
});

it("honours LOG_LEVEL", () => {
  const lines: string[] = [];
  createLogger("error", { write: (line) => lines.push(line) }).request(entry);
  createLogger("silent", { write: (line) => lines.push(line) }).error("boom");
  expect(lines).toEqual([]);
  createLogger("warn", { write: (line) => lines.push(line) }).error("boom", { requestId: "r" });
  expect(JSON.parse(lines[0] ?? "{}")).toMatchObject({ level: "ERROR", message: "boom", requestId: "r" });
});

// Regression: `debug` and `warn` once printed nothing at any level.
it("prints debug and warn lines at those levels, and drops them above", () => {
  const debug = capture("debug");
  debug.logger.debug("d", { check: "signature" });
  debug.logger.warn("w");
  expect(debug.parsed()).toMatchObject([
    { level: "DEBUG", message: "d", check: "signature" },
    { level: "WARN", message: "w" },
  ]);
  const info = capture("info");
  info.logger.debug("d");
  info.logger.warn("w");
  expect(info.parsed()).toMatchObject([{ level: "WARN", message: "w" }]);
});

it("carries arbitrary fields, such as a chat's correlation id", () => {
  const { logger, parsed } = capture("info");
  logger.request({ ...entry, chatId: "chat-1" });
  logger.info("note", { chatId: "chat-1" });
  expect(parsed()).toMatchObject([{ chatId: "chat-1" }, { chatId: "chat-1" }]);
});

// Powertools "AWS Lambda Advanced Logging Controls": the ALC level wins over the one configured.
it("follows AWS_LAMBDA_LOG_LEVEL when Lambda sets it", () => {
  vi.stubEnv("AWS_LAMBDA_LOG_LEVEL", "ERROR");
  const { logger, parsed } = capture("debug");
  logger.warn("w");
  logger.error("e");
  expect(parsed().map((line) => line.message)).toEqual(["e"]);
});

const token = `eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.${"eyJzdWIiOiJhbGljZSJ9".repeat(3)}.${"c2lnbmF0dXJl".repeat(8)}`;
const [, payload, signature] = token.split(".");

it("logs an exception's class, message and stack at error level with token, key and input redacted", () => {
  const key = "local-dev-key-1234";
  const { logger, lines, parsed } = capture("info", [key]);
  const error = new TypeError(`cannot read ${token} with ${key} near "while (true) leak()"`);
  logger.exception("unhandled error", error, {
    fields: { requestId: "r1" },
    inputs: ["while (true) leak()"],
  });
  const [line] = parsed();
  expect(line).toMatchObject({
    level: "ERROR",
    message: "unhandled error",
    requestId: "r1",
    exception: {
      name: "TypeError",
      message: 'cannot read [REDACTED] with [REDACTED] near "[REDACTED]"',
      stack: expect.stringContaining("log.test.ts"),
    },
  });
  for (const secret of [payload, signature, key, "leak()"]) expect(lines.join("\n")).not.toContain(secret);
});

it.each([
  ["Bearer abc.def-ghi_jkl", "[REDACTED]"],
  ["x AIzaSyA1234567890abcdefghijklmnopqrstuv y", "x [REDACTED] y"],
  [`quoted ${token}!`, "quoted [REDACTED]!"],
  ["at handler/src/app.ts:57:11", "at handler/src/app.ts:57:11"],
])("redacts %j", (text, expected) => {
  expect(redact(text)).toBe(expected);
});
