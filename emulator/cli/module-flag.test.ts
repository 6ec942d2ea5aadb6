/** `--terraform DIR`: the folder checked, this project's module without it, another module's stack with it. */
import path from "node:path";
import { expect, it } from "vitest";
import { REPO_ROOT } from "../config/defaults.js";
import { stackFunctions } from "../config/functions.js";
import { OWN_MODULE_DIR } from "../config/module-defaults.js";
import { UsageError } from "./command-line.js";
import { loadModule, moduleDir } from "./module-flag.js";

const FIXTURE = "test/fixtures/modules/two-functions";

it("without the flag: this project's terraform/", () => {
  expect(moduleDir(undefined)).toBe(OWN_MODULE_DIR);
});

it("refuses a folder that does not exist, and one with no .tf file, naming it", () => {
  expect(() => moduleDir("no/such/module")).toThrow(
    new UsageError("--terraform no/such/module: no such folder"),
  );
  expect(() => moduleDir("handler")).toThrow(
    new UsageError(`--terraform handler: no .tf file in ${path.join(REPO_ROOT, "handler")}`),
  );
});

it("another module: its own functions, run from their zips, none of this project's local wiring", async () => {
  const mod = await loadModule(path.join(REPO_ROOT, FIXTURE), { env: {} });
  expect(mod.own).toBe(false);
  const fns = stackFunctions(mod.config);
  expect(fns.map((fn) => [fn.functionName, fn.codeFrom])).toEqual([
    ["fixture-events", "artifact"],
    ["fixture-report", "artifact"],
  ]);
  for (const fn of fns)
    expect([fn.localEnvironment, fn.secretParameter, fn.apiKeySource]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  expect(mod.config.cloudfront.endpointPath).toBeUndefined();
});

it("this project's module: the chatbot's function from source, with its local values", async () => {
  const mod = await loadModule(undefined, { env: {} });
  expect(mod.own).toBe(true);
  expect(mod.config.functionUrl).toMatchObject({ functionName: "chatbot-query", codeFrom: "source" });
  expect(mod.config.functionUrl.localEnvironment).toHaveProperty("COGNITO_JWKS_URI", "cognito-jwks-uri");
  expect(mod.config.cloudfront.endpointPath).toBe("/chatbot");
});
