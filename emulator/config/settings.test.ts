import { describe, expect, it } from "vitest";
import { DEFAULT_INSPECT_PORT } from "../function-url/containers/debug-mode.js";
import { DEFAULT_LIMITS } from "../inspector/recorder.js";
import { ConfigError, DevEndpointsSettingError, InspectorSettingsError } from "./errors.js";
import { checkSettings, emulatorLogLevel, readSetting, SETTINGS, type SettingName } from "./settings.js";

const SWITCHES = (Object.keys(SETTINGS) as SettingName[]).filter(
  (name) => SETTINGS[name].kind.expected === '"on" or "off"',
);

describe("switches", () => {
  it("are every on/off variable, and nothing else", () => {
    expect(SWITCHES.sort()).toEqual([
      "BENCH_SMOKE",
      "EMULATOR_INSPECTOR",
      "EMULATOR_TERRAFORM_CACHE",
      "HANDLER_USE_BUNDLE",
    ]);
  });

  it.each(SWITCHES)("%s takes the one spelling set, in any case", (name) => {
    for (const on of ["1", "true", "on", "yes", "TRUE", "On", "YES"]) {
      expect(readSetting(name, { [name]: on })).toBe(true);
    }
    for (const off of ["0", "false", "off", "no", "FALSE", "Off", " no "]) {
      expect(readSetting(name, { [name]: off })).toBe(false);
    }
    expect(() => readSetting(name, { [name]: "maybe" })).toThrow(
      `${name} must be "on" or "off", got "maybe"`,
    );
  });

  // The spellings each switch took before they shared one set.
  it.each([
    ["HANDLER_USE_BUNDLE", "1", true],
    ["HANDLER_USE_BUNDLE", "true", true],
    ["EMULATOR_INSPECTOR", "off", false],
    ["EMULATOR_INSPECTOR", "on", true],
    ["EMULATOR_TERRAFORM_CACHE", "off", false],
    ["EMULATOR_TERRAFORM_CACHE", "on", true],
    ["BENCH_SMOKE", "1", true],
  ] as const)("%s=%s still means %s", (name, value, meaning) => {
    expect(readSetting(name, { [name]: value })).toBe(meaning);
  });

  it("an unset or blank switch takes its default; one whose default is the configuration's stays unset", () => {
    expect(readSetting("EMULATOR_INSPECTOR", {})).toBe(true);
    expect(readSetting("EMULATOR_TERRAFORM_CACHE", { EMULATOR_TERRAFORM_CACHE: "  " })).toBe(true);
    expect(readSetting("BENCH_SMOKE", {})).toBe(false);
    expect(readSetting("HANDLER_USE_BUNDLE", { HANDLER_USE_BUNDLE: "" })).toBeUndefined();
  });
});

describe("enumerations and numbers", () => {
  it("an enumeration takes only its words (exactly, unless it is a log level)", () => {
    expect(readSetting("FUNCTION_RUNTIME", { FUNCTION_RUNTIME: "worker" })).toBe("worker");
    expect(() => readSetting("FUNCTION_RUNTIME", { FUNCTION_RUNTIME: "Worker" })).toThrow(
      new ConfigError('FUNCTION_RUNTIME must be "ric" or "worker", got "Worker"'),
    );
    expect(() => readSetting("EMULATOR_DEV_ENDPOINTS", { EMULATOR_DEV_ENDPOINTS: "on" })).toThrow(
      new DevEndpointsSettingError('EMULATOR_DEV_ENDPOINTS must be "loopback" (default) or "open", got "on"'),
    );
    expect(readSetting("FUNCTION_LOG_LEVEL", { FUNCTION_LOG_LEVEL: "warn" })).toBe("WARN");
    expect(readSetting("EMULATOR_LOG_LEVEL", { EMULATOR_LOG_LEVEL: "DEBUG" })).toBe("debug");
    expect(() => readSetting("GEMINI_STUB_RETIRED_MODELS", { GEMINI_STUB_RETIRED_MODELS: "gone" })).toThrow(
      new ConfigError('GEMINI_STUB_RETIRED_MODELS must be "not-found" or "routed", got "gone"'),
    );
  });

  it.each(["80.5", "1e3", "0x50", "-1", "+80", "8 0", "65536"])(
    "a port is a whole number from 0 to 65535: %s is refused",
    (value) => {
      expect(() => readSetting("SSM_PORT", { SSM_PORT: value })).toThrow(
        new ConfigError(`SSM_PORT must be a port number between 0 and 65535, got "${value}"`),
      );
    },
  );

  it("numbers are checked against their range, and trimmed", () => {
    expect(readSetting("SSM_PORT", { SSM_PORT: " 9010 " })).toBe(9010);
    expect(readSetting("EMULATOR_INSPECTOR_MAX_CHATS", { EMULATOR_INSPECTOR_MAX_CHATS: "10000" })).toBe(
      10_000,
    );
    expect(() =>
      readSetting("EMULATOR_INSPECTOR_MAX_CHATS", { EMULATOR_INSPECTOR_MAX_CHATS: "10001" }),
    ).toThrow(
      new InspectorSettingsError(
        'EMULATOR_INSPECTOR_MAX_CHATS must be a whole number from 1 to 10000, got "10001"',
      ),
    );
    expect(() => readSetting("HANDLER_INSPECT_PORT", { HANDLER_INSPECT_PORT: "0" })).toThrow(
      new ConfigError('HANDLER_INSPECT_PORT must be a port number between 1 and 65535, got "0"'),
    );
    expect(() => readSetting("FUZZ_SEED", { FUZZ_SEED: "seven" })).toThrow(
      /^FUZZ_SEED must be a whole number/,
    );
    expect(readSetting("FUZZ_SEED", {})).toBe(20_260_508);
  });

  it("the bench's message to its stack process is a JSON object", () => {
    expect(readSetting("BENCH_STACK_OVERRIDES", { BENCH_STACK_OVERRIDES: '{"a":{"b":1}}' })).toEqual({
      a: { b: 1 },
    });
    expect(() => readSetting("BENCH_STACK_OVERRIDES", { BENCH_STACK_OVERRIDES: "[1]" })).toThrow(
      'BENCH_STACK_OVERRIDES must be a JSON object, got "[1]"',
    );
  });
});

describe("the emulator's own log level", () => {
  it("is EMULATOR_LOG_LEVEL, info by default", () => {
    expect(emulatorLogLevel({})).toEqual({ level: "info" });
    expect(emulatorLogLevel({ EMULATOR_LOG_LEVEL: "debug" })).toEqual({ level: "debug" });
    expect(emulatorLogLevel({ EMULATOR_LOG_LEVEL: "info", LOG_LEVEL: "debug" })).toEqual({ level: "info" });
    expect(() => emulatorLogLevel({ EMULATOR_LOG_LEVEL: "loud" })).toThrow(
      'EMULATOR_LOG_LEVEL must be "info" or "debug", got "loud"',
    );
  });

  it("still follows the old spelling LOG_LEVEL=debug (any case), with a deprecation note", () => {
    const old = emulatorLogLevel({ LOG_LEVEL: "DEBUG" });
    expect(old.level).toBe("debug");
    expect(old.note).toMatch(/deprecated: set EMULATOR_LOG_LEVEL=debug/);
    // The handler's other levels meant info to the emulator, and are never refused.
    for (const level of ["warn", "silent", "TRACE", "info"]) {
      expect(emulatorLogLevel({ LOG_LEVEL: level })).toEqual({ level: "info" });
    }
  });
});

describe("checkSettings", () => {
  it("refuses a bad variable of the stack by name, and leaves the tools' variables to the tools", () => {
    expect(() => checkSettings({ EMULATOR_INSPECTOR: "maybe" }, "stack")).toThrow(InspectorSettingsError);
    expect(() => checkSettings({ FUZZ_SEED: "seven" }, "stack")).not.toThrow();
    expect(() => checkSettings({ FUZZ_SEED: "seven" }, "attack")).toThrow(/FUZZ_SEED/);
  });
});

it("documents the defaults applied elsewhere as they are", () => {
  expect(SETTINGS.HANDLER_INSPECT_PORT.default).toBe(`\`${DEFAULT_INSPECT_PORT}\``);
  expect(SETTINGS.EMULATOR_INSPECTOR_MAX_CHATS.default).toBe(`\`${DEFAULT_LIMITS.maxChats}\``);
});
