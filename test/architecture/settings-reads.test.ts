/**
 * The emulator's settings are read in one place (emulator/config/settings.ts, from the environment
 * emulator/config/environment.ts gathers with a spread): no module of the emulator or its tools looks a
 * variable up in `process.env`. What remains is the function's own environment, not a setting.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { REPO_ROOT, sourceFiles } from "../test-support/import-graph.js";

/** Any use of `process.env` but a spread (`{ ...process.env }`: the environment handed on as a whole). */
const READ = /(?<!\.\.\.)process\.env\b/;

/** Block comments, and line comments that start a line or follow a space (not `http://` in a string). */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|\s)\/\/.*$/gm, "$1");
}

const FUNCTION_ENVIRONMENT = [
  // The function's PATH, handed to the container it runs in.
  "emulator/function-url/containers/container-setup.ts",
  // Inside the worker thread, `process.env` is the function's environment, as Lambda's runtime sets it.
  "emulator/function-url/runtimes/worker/",
  // A Vite `define` key the page reads, not a variable of this process.
  "emulator/playground/server.ts",
];

it("no module of the emulator, bench, the attack suite or the scripts reads a setting from process.env", () => {
  const readers = ["emulator", "bench", "security", "scripts"]
    .flatMap((dir) => sourceFiles(dir))
    .map((file) => path.relative(REPO_ROOT, file))
    .filter((file) => !file.includes("/test-support/") && !file.includes("/fixtures/"))
    .filter((file) => READ.test(withoutComments(readFileSync(path.join(REPO_ROOT, file), "utf8"))))
    .filter((file) => !FUNCTION_ENVIRONMENT.some((allowed) => file.startsWith(allowed)));
  expect(readers).toEqual([]);
});
