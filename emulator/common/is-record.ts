/**
 * Whether a parsed JSON value (or any unknown) is an object with named fields: not null, not an array.
 * The handler (handler/src/request.ts) and the frontend (frontend/src/lib/sse-events.ts) keep their own
 * copy because they import nothing from the emulator.
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
