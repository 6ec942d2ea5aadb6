/**
 * The kinds of value an environment variable of the emulator can hold, each with the one spelling rule
 * for its kind: a switch is on or off in the same words everywhere, a number is a whole number in a
 * range, an enumeration is one of its words. `parse` gets the value trimmed and never empty (an empty
 * variable counts as unset) and returns undefined for a value it does not accept; `expected` names the
 * valid values in the refusal and in the README's table.
 */
import path from "node:path";
import { ConfigError } from "./errors.js";

export interface SettingKind<T> {
  /** The valid values, as a refusal names them: `NAME must be <expected>, got "<value>"`. */
  readonly expected: string;
  /** The valid values, as README's configuration table lists them. */
  readonly values: string;
  parse(raw: string): T | undefined;
  /** `value` as it would be written in the environment (the README's default column). */
  show(value: T): string;
}

const ON = ["1", "true", "on", "yes"];
const OFF = ["0", "false", "off", "no"];

/**
 * An on/off switch: `1`, `true`, `on`, `yes` and `0`, `false`, `off`, `no`, in any case. The union of
 * the spellings the switches accepted one by one before (`1`/`true`, `on`/`off`, ...), so each keeps working.
 */
export function onOff(): SettingKind<boolean> {
  return {
    expected: '"on" or "off"',
    values: "`on`/`off` (also `1`/`0`, `true`/`false`, `yes`/`no`; any case)",
    parse(raw) {
      const word = raw.toLowerCase();
      if (ON.includes(word)) return true;
      if (OFF.includes(word)) return false;
      return undefined;
    },
    show: (value) => (value ? "on" : "off"),
  };
}

export interface OneOfOptions<V extends string> {
  /** Accept the words in any case (log levels, as Lambda's and the handler's are). Default: exact. */
  anyCase?: boolean;
  /** Name this word as the default in the refusal (`"loopback" (default) or "open"`). */
  sayDefault?: V;
}

/** One word of `words`: an enumeration, never a switch (`EMULATOR_DEV_ENDPOINTS=open`, not `=true`). */
export function oneOf<const V extends string>(
  words: readonly V[],
  options: OneOfOptions<V> = {},
): SettingKind<V> {
  const quoted = words.map((w) => `"${w}"${w === options.sayDefault ? " (default)" : ""}`);
  return {
    expected: words.length === 2 ? `${quoted[0]} or ${quoted[1]}` : `one of ${words.join(", ")}`,
    values: `${words.map((w) => `\`${w}\``).join(", ")}${options.anyCase ? " (any case)" : ""}`,
    parse(raw) {
      const found = words.find((w) => (options.anyCase ? w.toLowerCase() === raw.toLowerCase() : w === raw));
      return found;
    },
    show: (value) => value,
  };
}

/** A whole number from `min` to `max` (digits only: no sign, fraction, exponent or hex). */
export function wholeNumber(min: number, max?: number): SettingKind<number> {
  const range = max === undefined ? `of at least ${min}` : `from ${min} to ${max}`;
  return {
    expected: `a whole number ${range}`,
    values: max === undefined ? `a whole number ≥ ${min}` : `${min}–${max}`,
    parse(raw) {
      if (!/^\d+$/.test(raw)) return undefined;
      const value = Number(raw);
      return value >= min && (max === undefined || value <= max) ? value : undefined;
    },
    show: String,
  };
}

/** A TCP port from `min` (0: any free port) to 65535. */
export function portNumber(min = 0): SettingKind<number> {
  const number = wholeNumber(min, 65535);
  return { ...number, expected: `a port number between ${min} and 65535` };
}

/** Free text (a host name, a key). */
export function text(): SettingKind<string> {
  return { expected: "text", values: "text", parse: (raw) => raw, show: (value) => value };
}

/** A file or folder, resolved against the current directory. */
export function filePath(): SettingKind<string> {
  return { expected: "a path", values: "a path", parse: (raw) => path.resolve(raw), show: (value) => value };
}

/** A JSON object (a program's message to a child process it starts, not a person's setting). */
export function jsonObject(): SettingKind<Record<string, unknown>> {
  return {
    expected: "a JSON object",
    values: "a JSON object",
    parse(raw) {
      try {
        const value: unknown = JSON.parse(raw);
        return typeof value === "object" && value !== null && !Array.isArray(value)
          ? (value as Record<string, unknown>)
          : undefined;
      } catch {
        return undefined;
      }
    },
    show: (value) => JSON.stringify(value),
  };
}

/** Who reads a variable: the stack (every one checked when its configuration loads), or one tool. */
export type SettingReader = "stack" | "bench" | "attack";

export interface SettingSpec<T> {
  kind: SettingKind<T>;
  /** What it changes (README's configuration table). */
  effect: string;
  readBy: SettingReader;
  /** The class of its refusals, where callers knew it by a name of its own; default `ConfigError`. */
  error?: new (
    message: string,
  ) => ConfigError;
}

/** One environment variable: its kind, what it does, its default, and how it is read. */
export interface Setting<R> extends SettingSpec<unknown> {
  /** The default, as README's table shows it (Markdown). */
  readonly default: string;
  /** `raw` as a value (unset or blank: the default), or a refusal naming `name`, the value and the valid ones. */
  read(name: string, raw: string | undefined): R;
}

/**
 * A variable with a default applied here (`fallback`), or one whose default lives elsewhere: in the
 * configuration it overrides, or with the code that reads it (`defaultText`, Markdown for README).
 */
export function defineSetting<T>(spec: SettingSpec<T> & { fallback: NoInfer<T> }): Setting<T>;
export function defineSetting<T>(spec: SettingSpec<T> & { defaultText: string }): Setting<T | undefined>;
export function defineSetting<T>(
  spec: SettingSpec<T> & { fallback?: T; defaultText?: string },
): Setting<T | undefined> {
  const Refusal = spec.error ?? ConfigError;
  const { kind, effect, readBy, error, fallback } = spec;
  return {
    kind,
    effect,
    readBy,
    error,
    default: fallback === undefined ? (spec.defaultText ?? "unset") : `\`${kind.show(fallback)}\``,
    read(name, raw) {
      const value = raw?.trim();
      if (!value) return fallback;
      const parsed = kind.parse(value);
      if (parsed === undefined) throw new Refusal(`${name} must be ${kind.expected}, got "${value}"`);
      return parsed;
    },
  };
}
