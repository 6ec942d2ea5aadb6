import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

const base = { COGNITO_USER_POOL_ID: "us-east-1_Abc123", COGNITO_CLIENT_ID: "client", GEMINI_API_KEY: "k" };

describe("loadConfig", () => {
  it("applies the pinned defaults", () => {
    expect(loadConfig(base)).toEqual({
      userPoolId: "us-east-1_Abc123",
      clientId: "client",
      jwksUri: undefined,
      authTokenHeader: "x-forwarded-authorization",
      allowedGroups: undefined,
      apiKey: { kind: "value", apiKey: "k" },
      model: "gemini-3.8-flash",
      geminiBaseUrl: undefined,
      modelTimeoutMs: 30000,
      keepAliveMs: 10000,
      keepAlivePadBytes: 16384,
      maxOutputTokens: 8192,
      thinkingLevel: "low",
      spoilerMaxCodeLines: 6,
      logLevel: "info",
    });
  });

  it.each(["us-gov-west-1_Abc123", "eusc-de-east-1_Abc123", "ap-southeast-5_x"])(
    "accepts every user pool id form the verifier parses: %s",
    (poolId) => {
      expect(loadConfig({ ...base, COGNITO_USER_POOL_ID: poolId }).userPoolId).toBe(poolId);
    },
  );

  it("reads every variable", () => {
    const config = loadConfig({
      ...base,
      GEMINI_API_KEY: undefined,
      GEMINI_API_KEY_PARAMETER: "/chatbot/key",
      COGNITO_JWKS_URI: "http://127.0.0.1:9229/jwks.json",
      AUTH_TOKEN_HEADER: "X-Token",
      ALLOWED_GROUPS: "a, b,",
      GEMINI_MODEL: "gemini-3.7-flash",
      GEMINI_BASE_URL: "http://127.0.0.1:8089",
      MODEL_TIMEOUT_MS: "5000",
      KEEPALIVE_MS: "2000",
      KEEPALIVE_PAD_BYTES: "0",
      MODEL_MAX_OUTPUT_TOKENS: "512",
      MODEL_THINKING_LEVEL: "High",
      SPOILER_MAX_CODE_LINES: "4",
      LOG_LEVEL: "debug",
    });
    expect(config).toMatchObject({
      apiKey: { kind: "ssm", parameterName: "/chatbot/key" },
      jwksUri: "http://127.0.0.1:9229/jwks.json",
      authTokenHeader: "x-token",
      allowedGroups: ["a", "b"],
      model: "gemini-3.7-flash",
      geminiBaseUrl: "http://127.0.0.1:8089",
      modelTimeoutMs: 5000,
      keepAliveMs: 2000,
      keepAlivePadBytes: 0,
      maxOutputTokens: 512,
      thinkingLevel: "high",
      spoilerMaxCodeLines: 4,
      logLevel: "debug",
    });
  });

  // Regression: LOG_LEVEL=ERROR (AWS's own spelling) failed the function's Init phase.
  it.each([
    ["ERROR", "error"],
    ["Warn", "warn"],
    ["DEBUG", "debug"],
    ["TRACE", "debug"],
    ["FATAL", "error"],
  ])("accepts LOG_LEVEL=%s as Lambda spells it (%s)", (raw, level) => {
    expect(loadConfig({ ...base, LOG_LEVEL: raw }).logLevel).toBe(level);
  });

  // Powertools "AWS Lambda Advanced Logging Controls": the ALC level is used whatever LOG_LEVEL says.
  it.each([
    [{ LOG_LEVEL: "error", AWS_LAMBDA_LOG_LEVEL: "DEBUG" }, "debug"],
    [{ LOG_LEVEL: "debug", AWS_LAMBDA_LOG_LEVEL: "WARN" }, "warn"],
    [{ LOG_LEVEL: "debug", AWS_LAMBDA_LOG_LEVEL: "FATAL" }, "error"],
    [{ LOG_LEVEL: "warn", AWS_LAMBDA_LOG_LEVEL: " " }, "warn"],
    [{ AWS_LAMBDA_LOG_LEVEL: "TRACE" }, "debug"],
  ])("application log level (AWS_LAMBDA_LOG_LEVEL) wins over LOG_LEVEL: %j", (override, level) => {
    expect(loadConfig({ ...base, ...override }).logLevel).toBe(level);
  });

  it("fails at start naming AWS_LAMBDA_LOG_LEVEL when it is not a level", () => {
    expect(() => loadConfig({ ...base, AWS_LAMBDA_LOG_LEVEL: "LOUD" })).toThrow(
      new ConfigError(
        "AWS_LAMBDA_LOG_LEVEL must be one of debug, info, warn, error, silent (or TRACE, FATAL, any case); got: LOUD",
      ),
    );
  });

  it("fails naming both key variables when neither is set", () => {
    expect(() => loadConfig({ ...base, GEMINI_API_KEY: "" })).toThrow(
      new ConfigError("Set GEMINI_API_KEY or GEMINI_API_KEY_PARAMETER (neither is set)"),
    );
  });

  it.each([
    [{ COGNITO_USER_POOL_ID: undefined }, "COGNITO_USER_POOL_ID is required but not set"],
    [{ COGNITO_USER_POOL_ID: "pool" }, "COGNITO_USER_POOL_ID is not a user pool id: pool"],
    [{ COGNITO_CLIENT_ID: " " }, "COGNITO_CLIENT_ID is required but not set"],
    [
      { GEMINI_SDK: "generative-ai" },
      "GEMINI_SDK=generative-ai is no longer supported: the @google/generative-ai adapter was removed (Google ended its support on 2025-08-31). Remove GEMINI_SDK; the handler uses @google/genai",
    ],
    [
      { GEMINI_SDK: "openai" },
      "GEMINI_SDK was removed (the handler always uses @google/genai); remove it from the environment, got: openai",
    ],
    [
      { LOG_LEVEL: "loud" },
      "LOG_LEVEL must be one of debug, info, warn, error, silent (or TRACE, FATAL, any case); got: loud",
    ],
    [{ MODEL_TIMEOUT_MS: "0" }, "MODEL_TIMEOUT_MS must be a positive integer, got: 0"],
    [{ KEEPALIVE_MS: "1.5" }, "KEEPALIVE_MS must be a positive integer, got: 1.5"],
    [{ SPOILER_MAX_CODE_LINES: "x" }, "SPOILER_MAX_CODE_LINES must be a positive integer, got: x"],
    [{ KEEPALIVE_PAD_BYTES: "-1" }, "KEEPALIVE_PAD_BYTES must be a positive integer, got: -1"],
    [{ MODEL_MAX_OUTPUT_TOKENS: "0" }, "MODEL_MAX_OUTPUT_TOKENS must be a positive integer, got: 0"],
    [
      { MODEL_THINKING_LEVEL: "max" },
      "MODEL_THINKING_LEVEL must be one of minimal, low, medium, high, got: max",
    ],
  ])("fails at start for %j", (override, message) => {
    expect(() => loadConfig({ ...base, ...override })).toThrow(message);
  });
});
