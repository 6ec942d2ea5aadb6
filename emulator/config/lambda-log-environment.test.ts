/**
 * The function's environment carries Lambda's logging settings as Lambda sets them (Lambda developer
 * guide, "Log-level filtering with custom runtimes"; RIC src/LogPatch.js reads both variables).
 */
import { expect, it } from "vitest";
import { defaultConfig, lambdaLogEnvironment, localFunctionEnvironment } from "./defaults.js";

it("gives the function AWS_LAMBDA_LOG_FORMAT and AWS_LAMBDA_LOG_LEVEL from its logging config", () => {
  const config = defaultConfig();
  config.functionUrl.logging = { logFormat: "JSON", applicationLogLevel: "DEBUG", systemLogLevel: "WARN" };
  expect(localFunctionEnvironment(config)).toMatchObject({
    AWS_LAMBDA_LOG_FORMAT: "JSON",
    AWS_LAMBDA_LOG_LEVEL: "DEBUG",
    LOG_LEVEL: "info",
  });
});

it("sets no application level in the Text format (levels need JSON)", () => {
  expect(lambdaLogEnvironment({ logFormat: "Text" })).toEqual({ AWS_LAMBDA_LOG_FORMAT: "Text" });
  expect(lambdaLogEnvironment(undefined)).toEqual({ AWS_LAMBDA_LOG_FORMAT: "Text" });
});

it("JSON without a level is INFO, as the Lambda API defaults it", () => {
  expect(lambdaLogEnvironment({ logFormat: "JSON" })).toEqual({
    AWS_LAMBDA_LOG_FORMAT: "JSON",
    AWS_LAMBDA_LOG_LEVEL: "INFO",
  });
});
