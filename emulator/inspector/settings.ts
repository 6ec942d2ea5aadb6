/**
 * Whether the request inspector runs, and its size: `EMULATOR_INSPECTOR=off` (or any off word of a
 * switch: `0`, `false`, `no`) turns it off; `EMULATOR_INSPECTOR_MAX_CHATS` (default 100) bounds how many
 * chats it keeps. Both are read by config/settings.ts, which refuses a bad value with InspectorSettingsError.
 */
import { type Environment, emulatorEnvironment } from "../config/environment.js";
import { InspectorSettingsError } from "../config/errors.js";
import { readSetting } from "../config/settings.js";
import { DEFAULT_LIMITS, InspectorRecorder } from "./recorder.js";

export { InspectorSettingsError };

/** A recorder as the environment asks for, or undefined when the inspector is off. */
export function recorderFromEnv(env: Environment = emulatorEnvironment()): InspectorRecorder | undefined {
  if (!readSetting("EMULATOR_INSPECTOR", env)) return undefined;
  return new InspectorRecorder({
    ...DEFAULT_LIMITS,
    maxChats: readSetting("EMULATOR_INSPECTOR_MAX_CHATS", env),
  });
}
