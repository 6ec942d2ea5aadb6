/**
 * One rule for tests that need something this machine may lack (Chromium, a Docker engine, the
 * terraform CLI): locally they skip with a printed reason; under CI a skip would hide a gap, so it is a
 * failure. CI counts as set for any value but an empty one or false / 0 / no / off (case-insensitive),
 * so `CI=true`, `CI=1` and `CI=yes` all turn skips into failures.
 */

type Env = Record<string, string | undefined>;

const FALSY = new Set(["", "false", "0", "no", "off"]);

/** @example isCi({ CI: "1" }) // true */
export function isCi(env: Env = process.env): boolean {
  const value = env.CI;
  return value !== undefined && !FALSY.has(value.trim().toLowerCase());
}

/**
 * `missing` is the reason the test cannot run, or undefined when it can. Returns whether to run; under
 * CI a reason throws instead.
 * @example describe.skipIf(!canRun("[e2e] playground", existsSync(chromium) ? undefined : "no Chromium"))(...)
 */
export function canRun(label: string, missing: string | undefined, env: Env = process.env): boolean {
  if (missing === undefined) return true;
  if (isCi(env)) throw new Error(`${label}: ${missing}; CI=${env.CI} makes this a failure, not a skip.`);
  console.warn(`${label}: skipped: ${missing}.`);
  return false;
}
