import { expect, it } from "vitest";
import { createLogger } from "./log.js";

const entry = {
  requestId: "r1",
  sub: "s1",
  outcome: "OK",
  status: 200,
  latencyMs: 5,
  chunks: 2,
  streamed: true,
};

it("writes one JSON line per request, at error level for 5xx", () => {
  const lines: string[] = [];
  const logger = createLogger("info", (line) => lines.push(line));
  logger.request(entry);
  logger.request({ ...entry, outcome: "UPSTREAM_ERROR", status: 502 });
  expect(lines.map((l) => JSON.parse(l))).toMatchObject([
    { level: "INFO", message: "request", ...entry },
    { level: "ERROR", outcome: "UPSTREAM_ERROR" },
  ]);
});

it("honours LOG_LEVEL", () => {
  const lines: string[] = [];
  createLogger("error", (line) => lines.push(line)).request(entry);
  createLogger("silent", (line) => lines.push(line)).error("boom");
  expect(lines).toEqual([]);
  createLogger("warn", (line) => lines.push(line)).error("boom", { requestId: "r" });
  expect(JSON.parse(lines[0] ?? "{}")).toMatchObject({ level: "ERROR", message: "boom", requestId: "r" });
});
