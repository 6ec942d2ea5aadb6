import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultConfig, localFunctionEnvironment } from "./defaults.js";
import { applyEnv, ConfigError, loadStackConfig, overlay } from "./load.js";

describe("overlay", () => {
  it("merges objects, replaces arrays and scalars, and ignores prototype keys", () => {
    const merged = overlay(
      { a: { b: 1, c: [1, 2] }, d: "x" },
      JSON.parse('{"a":{"c":[3]},"d":"y","__proto__":{"polluted":true}}'),
    );
    expect(merged).toEqual({ a: { b: 1, c: [3] }, d: "y" });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("applyEnv", () => {
  it("moves ports by their pinned variable names and every host with STACK_HOST", () => {
    const config = applyEnv(defaultConfig(), { CLOUDFRONT_PORT: "18080", STACK_HOST: "0.0.0.0" });
    expect(config.cloudfront.port).toBe(18080);
    expect(config.cognito.port).toBe(9229);
    expect(config.functionUrl.host).toBe("0.0.0.0");
  });

  it("refuses a port that is not a number, naming the variable", () => {
    expect(() => applyEnv(defaultConfig(), { COGNITO_PORT: "nine" })).toThrow(
      new ConfigError('COGNITO_PORT must be a port number between 0 and 65535, got "nine"'),
    );
  });

  it("delivers every write as it comes by default (RIE's FlushingWriter) and switches with FUNCTION_URL_DELIVERY and its tuning variables", () => {
    expect(defaultConfig().functionUrl.delivery).toEqual({ mode: "immediate", thresholdBytes: 16_384 });
    expect(applyEnv(defaultConfig(), { FUNCTION_URL_DELIVERY: "lambda" }).functionUrl.delivery.mode).toBe(
      "lambda",
    );
    const config = applyEnv(defaultConfig(), {
      FUNCTION_URL_DELIVERY: "immediate",
      FUNCTION_URL_DELIVERY_THRESHOLD_BYTES: "4096",
      FUNCTION_URL_DELIVERY_MAX_HOLD_MS: "250",
    });
    expect(config.functionUrl.delivery).toEqual({ mode: "immediate", thresholdBytes: 4096, maxHoldMs: 250 });
  });

  it.each([
    [{ FUNCTION_URL_DELIVERY: "fast" }, 'FUNCTION_URL_DELIVERY must be "immediate" or "lambda", got "fast"'],
    [
      { FUNCTION_URL_DELIVERY_THRESHOLD_BYTES: "0" },
      'FUNCTION_URL_DELIVERY_THRESHOLD_BYTES must be a whole number of at least 1, got "0"',
    ],
    [
      { FUNCTION_URL_DELIVERY_MAX_HOLD_MS: "soon" },
      'FUNCTION_URL_DELIVERY_MAX_HOLD_MS must be a whole number of at least 0, got "soon"',
    ],
  ])("refuses a bad delivery setting %j, naming the variable", (env, message) => {
    expect(() => applyEnv(defaultConfig(), env)).toThrow(new ConfigError(message));
  });

  it("picks the container runtime with FUNCTION_RUNTIME (default ric) and refuses other values", () => {
    expect(applyEnv(defaultConfig(), {}).functionUrl.containerRuntime).toBe("ric");
    expect(applyEnv(defaultConfig(), { FUNCTION_RUNTIME: "worker" }).functionUrl.containerRuntime).toBe(
      "worker",
    );
    expect(() => applyEnv(defaultConfig(), { FUNCTION_RUNTIME: "docker" })).toThrow(
      new ConfigError('FUNCTION_RUNTIME must be "ric" or "worker", got "docker"'),
    );
  });

  it("gives the handler its key as deployed: the SSM parameter, the role session and SSM's local endpoint", () => {
    const config = applyEnv(defaultConfig(), { GEMINI_STUB_API_KEY: "another-key" });
    const env = localFunctionEnvironment(config);
    expect(env.GEMINI_API_KEY).toBeUndefined();
    expect(env.GEMINI_API_KEY_PARAMETER).toBe("/chatbot/gemini-api-key");
    expect(env.AWS_ENDPOINT_URL_SSM).toBe("http://127.0.0.1:9010");
    const { accessKeyId, secretAccessKey, sessionToken } = config.credentials.functionRole;
    expect(env).toMatchObject({
      AWS_ACCESS_KEY_ID: accessKeyId,
      AWS_SECRET_ACCESS_KEY: secretAccessKey,
      AWS_SESSION_TOKEN: sessionToken,
    });
    expect(env.GEMINI_BASE_URL).toBe("http://127.0.0.1:8089");
    expect(env.COGNITO_JWKS_URI).toBe(
      `http://127.0.0.1:9229/${config.cognito.userPoolId}/.well-known/jwks.json`,
    );
  });

  it("FUNCTION_API_KEY_SOURCE=environment is the shortcut: GEMINI_API_KEY, no parameter, no SSM", () => {
    const config = applyEnv(defaultConfig(), {
      GEMINI_STUB_API_KEY: "another-key",
      FUNCTION_API_KEY_SOURCE: "environment",
    });
    const env = localFunctionEnvironment(config);
    expect(env.GEMINI_API_KEY).toBe("another-key");
    expect(env.GEMINI_API_KEY_PARAMETER).toBeUndefined();
    expect(env.AWS_ENDPOINT_URL_SSM).toBeUndefined();
    expect(() => applyEnv(defaultConfig(), { FUNCTION_API_KEY_SOURCE: "vault" })).toThrow(
      new ConfigError('FUNCTION_API_KEY_SOURCE must be "ssm" or "environment", got "vault"'),
    );
  });
});

describe("loadStackConfig", () => {
  it("reads the Terraform module, then a config file, then the environment", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "chatbot-config-"));
    const file = path.join(dir, "emulator.json");
    writeFileSync(file, JSON.stringify({ gemini: { pieceDelayMs: 1 }, functionUrl: { memoryMb: 1024 } }));
    const config = await loadStackConfig({ env: { EMULATOR_CONFIG: file, GEMINI_STUB_PORT: "0" } });
    // From terraform/lambda.tf: the deployed function's environment names the SSM parameter.
    expect(config.functionUrl.environment.GEMINI_API_KEY_PARAMETER).toBeTruthy();
    expect(config.functionUrl.memoryMb).toBe(1024);
    expect(config.gemini.pieceDelayMs).toBe(1);
    expect(config.gemini.port).toBe(0);
  });

  it("a config file that is not JSON is a clear error naming the file", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "chatbot-config-"));
    const file = path.join(dir, "broken.json");
    writeFileSync(file, "{ nope");
    await expect(loadStackConfig({ terraform: false, env: {}, file })).rejects.toThrow(
      `config file ${file} is not valid JSON`,
    );
  });
  it("FUNCTION_LOG_LEVEL sets the function's application log level (JSON format), any case", () => {
    const config = applyEnv(defaultConfig(), { FUNCTION_LOG_LEVEL: "debug" });
    expect(config.functionUrl.logging).toMatchObject({ logFormat: "JSON", applicationLogLevel: "DEBUG" });
    expect(() => applyEnv(defaultConfig(), { FUNCTION_LOG_LEVEL: "loud" })).toThrow(
      new ConfigError('FUNCTION_LOG_LEVEL must be one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL, got "loud"'),
    );
  });
  it("EMULATOR_TERRAFORM_CACHE is on or off; anything else is refused by name before the module is read", async () => {
    // `no` is an off word of every switch now (settings.test.ts); a word that is none is refused.
    await expect(loadStackConfig({ env: { EMULATOR_TERRAFORM_CACHE: "maybe" } })).rejects.toThrow(
      new ConfigError('EMULATOR_TERRAFORM_CACHE must be "on" or "off", got "maybe"'),
    );
    const off = await loadStackConfig({ env: { EMULATOR_TERRAFORM_CACHE: "off" } });
    expect(off).toStrictEqual(await loadStackConfig({ env: {} }));
  });
});
