/**
 * Whether the request inspector runs, and its size: `EMULATOR_INSPECTOR=off` (or `0`, `false`) turns it
 * off; `EMULATOR_INSPECTOR_MAX_CHATS` (default 100) bounds how many chats it keeps.
 */
import { DEFAULT_LIMITS, InspectorRecorder } from "./recorder.js";

export class InspectorSettingsError extends Error {
  override name = "InspectorSettingsError";
}

/** A recorder as the environment asks for, or undefined when the inspector is off. */
export function recorderFromEnv(
  env: Record<string, string | undefined> = process.env,
): InspectorRecorder | undefined {
  const switchValue = (env.EMULATOR_INSPECTOR ?? "on").trim().toLowerCase();
  if (["off", "0", "false", "no"].includes(switchValue)) return undefined;
  if (!["on", "1", "true", "yes", ""].includes(switchValue)) {
    throw new InspectorSettingsError(
      `EMULATOR_INSPECTOR must be "on" or "off", got ${JSON.stringify(env.EMULATOR_INSPECTOR)}`,
    );
  }
  const raw = env.EMULATOR_INSPECTOR_MAX_CHATS;
  if (raw === undefined || raw.trim() === "") return new InspectorRecorder();
  const maxChats = Number(raw);
  if (!Number.isInteger(maxChats) || maxChats < 1 || maxChats > 10_000) {
    throw new InspectorSettingsError(
      `EMULATOR_INSPECTOR_MAX_CHATS must be a whole number from 1 to 10000, got ${JSON.stringify(raw)}`,
    );
  }
  return new InspectorRecorder({ ...DEFAULT_LIMITS, maxChats });
}
