/**
 * The emulator's own log lines, one structured logger for every service. A service logs a message and
 * optional fields (e.g. `chatId`); the stack adds the time and the service name once, in one of two
 * formats:
 * - `text` (default, for people): `12:04:05.123 cloudfront    POST /chatbot -> 200 41ms chatId=c1`
 * - `json` (one object per line, for `jq`): `{"time":"…","service":"cloudfront","message":"…","chatId":"c1"}`
 * The function's own output (what its container printed) keeps a `[container #N]` mark in text and
 * becomes `"source":"function","container":N` in JSON, so it is never mistaken for the emulator's.
 */

export const LOG_FORMATS = ["text", "json"] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export type LogFieldValue = string | number | boolean | null | undefined;
export type LogFields = Record<string, LogFieldValue>;

/** What each service logs through. A plain `(line) => void` caller still fits. */
export type ServiceLog = (message: string, fields?: LogFields) => void;

export interface LogRecord {
  time: Date;
  service: string;
  message: string;
  fields?: LogFields;
}

/** Widest service label (`function-url`), so text columns line up. */
const SERVICE_WIDTH = 12;
const CONTAINER_LINE = /^\[container #(\d+)\] ([\s\S]*)$/;

/** @example formatLogRecord({ time, service: "cognito", message: "InitiateAuth ok" }, "text") */
export function formatLogRecord(record: LogRecord, format: LogFormat): string {
  const container = CONTAINER_LINE.exec(record.message);
  if (format === "json") {
    const base: Record<string, unknown> = { time: record.time.toISOString(), service: record.service };
    if (container) Object.assign(base, { source: "function", container: Number(container[1]) });
    // The record's own keys come first: a field can never overwrite them.
    return JSON.stringify({
      ...withoutReserved(record.fields),
      ...base,
      message: container?.[2] ?? record.message,
    });
  }
  const time = record.time.toISOString().slice(11, 23);
  return `${time} ${record.service.padEnd(SERVICE_WIDTH)} ${record.message}${textFields(record.fields)}`;
}

function withoutReserved(fields: LogFields | undefined): LogFields {
  const { time: _t, service: _s, message: _m, source: _o, container: _c, ...rest } = fields ?? {};
  return rest;
}

function textFields(fields: LogFields | undefined): string {
  const parts = Object.entries(fields ?? {})
    .filter(([, value]) => value !== undefined)
    .map(
      ([key, value]) =>
        `${key}=${typeof value === "string" && /[\s"=]/.test(value) ? JSON.stringify(value) : String(value)}`,
    );
  return parts.length > 0 ? ` ${parts.join(" ")}` : "";
}

export interface EmulatorLoggerOptions {
  format?: LogFormat;
  /** Receives each finished line (default: stdout). */
  write?: (line: string) => void;
  clock?: () => Date;
}

/**
 * @example
 *   const forService = createEmulatorLogger({ format: "json" });
 *   forService("cloudfront")("POST /chatbot -> 200", { chatId: "c1" });
 */
export function createEmulatorLogger(options: EmulatorLoggerOptions = {}): (service: string) => ServiceLog {
  const format = options.format ?? "text";
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const clock = options.clock ?? (() => new Date());
  return (service) => (message, fields) =>
    write(formatLogRecord({ time: clock(), service, message, fields }, format));
}

/** The `--log-format` flag, shared by `npm start` and `npm run serve` (cli/command-line.ts spec). */
export const LOG_FORMAT_FLAG = {
  type: "string",
  default: "text",
  value: "FORMAT",
  help: "log lines as text (readable) or json (one object per line, for jq)",
} as const;

/** Checks a `--log-format` value: the format, or an error message naming the valid ones. */
export function parseLogFormat(value: string): LogFormat | { error: string } {
  if ((LOG_FORMATS as readonly string[]).includes(value)) return value as LogFormat;
  return { error: `--log-format must be one of ${LOG_FORMATS.join(", ")}; got '${value}'` };
}
