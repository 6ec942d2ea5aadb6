import { describe, expect, it } from "vitest";
import { InspectorSettingsError, recorderFromEnv } from "./settings.js";

describe("recorderFromEnv", () => {
  it("is on by default with 100 chats, and off with EMULATOR_INSPECTOR=off", () => {
    expect(recorderFromEnv({})?.limits.maxChats).toBe(100);
    expect(recorderFromEnv({ EMULATOR_INSPECTOR: "off" })).toBeUndefined();
    expect(recorderFromEnv({ EMULATOR_INSPECTOR_MAX_CHATS: "7" })?.limits.maxChats).toBe(7);
  });

  it("refuses values it does not understand, naming the variable", () => {
    expect(() => recorderFromEnv({ EMULATOR_INSPECTOR: "maybe" })).toThrow(InspectorSettingsError);
    expect(() => recorderFromEnv({ EMULATOR_INSPECTOR_MAX_CHATS: "0" })).toThrow(
      /EMULATOR_INSPECTOR_MAX_CHATS/,
    );
  });
});
