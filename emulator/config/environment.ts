/**
 * Where the emulator's variables come from: the repository's `.env` file under the process's own
 * environment, which wins (as docker-compose reads `.env`). The one place the emulator, `npm run bench`
 * and `npm run attack` look at `process.env` for their settings; `settings.ts` reads the variables.
 */
import path from "node:path";
import { REPO_ROOT } from "./defaults.js";
import { readDotEnv } from "./dot-env.js";

export type Environment = Record<string, string | undefined>;

/**
 * @param dotEnv the `.env` file read under the process's variables; `false` reads none.
 * @example readSetting("EMULATOR_INSPECTOR", emulatorEnvironment()) // true unless turned off
 */
export function emulatorEnvironment(dotEnv: string | false = path.join(REPO_ROOT, ".env")): Environment {
  return { ...(dotEnv ? readDotEnv(dotEnv) : {}), ...process.env };
}
