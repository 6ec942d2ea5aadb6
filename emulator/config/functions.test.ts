import { expect, it } from "vitest";
import { ssmCallers } from "../ssm/authorize.js";
import { defaultConfig } from "./defaults.js";
import { functionRoleKeys, stackFunctions } from "./functions.js";
import type { StackConfig } from "./types.js";

function withSecond(): StackConfig {
  const config = defaultConfig();
  const { host: _h, port: _p, ...first } = structuredClone(config.functionUrl);
  config.functions = {
    reports: {
      ...first,
      functionName: "reports",
      urlId: "reportsurlid",
      executionRole: {
        name: "reports-role",
        arn: "arn:aws:iam::123456789012:role/reports-role",
        statements: [],
      },
    },
  };
  return config;
}

it("lists the first function first, then the others", () => {
  expect(stackFunctions(withSecond()).map((fn) => fn.functionName)).toEqual(["chatbot-query", "reports"]);
});

it("gives the first function the configured role session and each other one keys of its own", () => {
  const config = withSecond();
  const [first, second] = stackFunctions(config);
  if (!first || !second) throw new Error("two functions expected");
  expect(functionRoleKeys(config, first)).toEqual(config.credentials.functionRole);
  const keys = functionRoleKeys(config, second);
  expect(keys.accessKeyId).toMatch(/^ASIA[0-9A-F]{16}$/);
  expect(keys.accessKeyId).not.toBe(config.credentials.functionRole.accessKeyId);
  expect(functionRoleKeys(config, second)).toEqual(keys);
  // SSM knows each session as its own role's.
  expect(ssmCallers(config).find(keys.accessKeyId)?.arn).toBe(
    "arn:aws:sts::123456789012:assumed-role/reports-role/reports",
  );
});
