import { expect, it } from "vitest";
import { createEmulatorLogger, formatLogRecord, parseLogFormat } from "./logger.js";

const time = new Date("2026-12-01T12:04:05.123Z");

it("text: time of day, the service once in a fixed column, the message, then key=value fields", () => {
  expect(formatLogRecord({ time, service: "cognito", message: "InitiateAuth ok" }, "text")).toBe(
    "12:04:05.123 cognito      InitiateAuth ok",
  );
  expect(
    formatLogRecord(
      {
        time,
        service: "cloudfront",
        message: "POST /chatbot -> 200",
        fields: { chatId: "c1", note: "a b", gone: undefined },
      },
      "text",
    ),
  ).toBe('12:04:05.123 cloudfront   POST /chatbot -> 200 chatId=c1 note="a b"');
});

it("json: one object per line with time, service, message and the fields", () => {
  const line = formatLogRecord(
    { time, service: "gemini-stub", message: "req-1 POST 200", fields: { chatId: "c1", ms: 12 } },
    "json",
  );
  expect(line).not.toContain("\n");
  expect(JSON.parse(line)).toEqual({
    time: "2026-12-01T12:04:05.123Z",
    service: "gemini-stub",
    message: "req-1 POST 200",
    chatId: "c1",
    ms: 12,
  });
});

it("json: a field cannot overwrite time, service or message, nor pass a line off as the function's", () => {
  const line = formatLogRecord(
    {
      time,
      service: "cognito",
      message: "m",
      fields: { service: "forged", message: "x", time: "y", source: "function", container: 9 },
    },
    "json",
  );
  expect(JSON.parse(line)).toEqual({ time: "2026-12-01T12:04:05.123Z", service: "cognito", message: "m" });
});

it("the function's own output stays marked as the function's: [container #N] in text, source and container in json", () => {
  const record = {
    time,
    service: "function-url",
    message: '[container #3] 2026-12-01T12:04:05.100Z\tr1\tINFO\t{"a":1}',
  };
  expect(formatLogRecord(record, "text")).toBe(
    '12:04:05.123 function-url [container #3] 2026-12-01T12:04:05.100Z\tr1\tINFO\t{"a":1}',
  );
  expect(JSON.parse(formatLogRecord(record, "json"))).toEqual({
    time: "2026-12-01T12:04:05.123Z",
    service: "function-url",
    source: "function",
    container: 3,
    message: '2026-12-01T12:04:05.100Z\tr1\tINFO\t{"a":1}',
  });
});

it("createEmulatorLogger adds the service name once per line", () => {
  const lines: string[] = [];
  const forService = createEmulatorLogger({ format: "text", write: (l) => lines.push(l), clock: () => time });
  forService("gemini-stub")("req-1 POST /v1beta/models/x 200");
  expect(lines).toEqual(["12:04:05.123 gemini-stub  req-1 POST /v1beta/models/x 200"]);
});

it("parseLogFormat accepts text and json and names them otherwise", () => {
  expect(parseLogFormat("json")).toBe("json");
  expect(parseLogFormat("text")).toBe("text");
  expect(parseLogFormat("xml")).toEqual({ error: "--log-format must be one of text, json; got 'xml'" });
});
