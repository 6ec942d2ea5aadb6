import { describe, expect, it } from "vitest";
import { ConfigError, ConfigInsecureEndpointError, loadConfig } from "./config.js";

const base = { COGNITO_USER_POOL_ID: "us-east-1_Abc123", COGNITO_CLIENT_ID: "client", GEMINI_API_KEY: "k" };
const VARIABLES = [
  ["COGNITO_JWKS_URI", "jwksUri", "/us-east-1_Abc123/.well-known/jwks.json"],
  ["GEMINI_BASE_URL", "geminiBaseUrl", ""],
] as const;

describe.each(VARIABLES)("%s at cold start", (name, field, path) => {
  it.each([
    "https://cognito-idp.us-east-1.amazonaws.com",
    "https://generativelanguage.googleapis.com",
    "http://127.0.0.1:9229",
    "http://127.8.9.10:9229",
    "http://localhost:8089",
    "http://LOCALHOST:8089",
    "http://[::1]:8089",
  ])("accepts %s", (origin) => {
    const value = `${origin}${path}`;
    expect(loadConfig({ ...base, [name]: value })[field]).toBe(value);
  });

  it.each([
    ["http://evil.example.com/x", 'scheme "http:" host "evil.example.com"'],
    ["http://cognito:9229", 'scheme "http:" host "cognito:9229"'],
    ["http://0.0.0.0:9229", 'scheme "http:" host "0.0.0.0:9229"'],
    ["http://10.0.0.5:8089", 'scheme "http:" host "10.0.0.5:8089"'],
    ["http://128.0.0.1", 'scheme "http:" host "128.0.0.1"'],
    ["http://[::ffff:7f00:1]", 'scheme "http:" host "[::ffff:7f00:1]"'],
    ["http://localhost.evil.example.com", 'scheme "http:" host "localhost.evil.example.com"'],
    ["http://127.0.0.1.evil.example.com", 'scheme "http:" host "127.0.0.1.evil.example.com"'],
  ])("refuses plain http to a non-loopback host: %s", (value, where) => {
    expect(() => loadConfig({ ...base, [name]: value })).toThrow(
      new ConfigInsecureEndpointError(
        `${name} must be https, or http to a loopback address (127.0.0.0/8, ::1, localhost); got ${where}. ` +
          "A local stack on a private network can set ALLOW_NON_LOOPBACK_HTTP=true (never in a deployment).",
      ),
    );
  });

  it.each([
    ["ftp://127.0.0.1/keys", 'scheme "ftp:" host "127.0.0.1"'],
    ["file:///etc/jwks.json", 'scheme "file:" host ""'],
    ["ws://127.0.0.1:9229", 'scheme "ws:" host "127.0.0.1:9229"'],
  ])("refuses any other scheme, even to loopback: %s", (value, where) => {
    expect(() => loadConfig({ ...base, [name]: value, ALLOW_NON_LOOPBACK_HTTP: "true" })).toThrow(
      new ConfigInsecureEndpointError(`${name} must be an https URL; got ${where}`),
    );
  });

  it("refuses a value that is not an absolute URL without echoing it", () => {
    let caught: unknown;
    try {
      loadConfig({ ...base, [name]: "127.0.0.1:9229/secret-path" });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigInsecureEndpointError);
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as Error).name).toBe("ConfigInsecureEndpointError");
    expect((caught as Error).message).toBe(`${name} is not an absolute URL`);
  });

  it("never puts user info, path or query of a refused URL into the message", () => {
    const secretish = "http://user:hunter2@evil.example.com/path-secret?key=AIzaSECRET";
    expect(() => loadConfig({ ...base, [name]: secretish })).toThrow(/host "evil\.example\.com"\./);
    try {
      loadConfig({ ...base, [name]: secretish });
    } catch (error) {
      expect((error as Error).message).not.toMatch(/hunter2|path-secret|AIzaSECRET|user/);
    }
  });

  it("accepts http to a named host only with ALLOW_NON_LOOPBACK_HTTP=true (the compose bridge network)", () => {
    const value = "http://cognito:9229/keys";
    expect(loadConfig({ ...base, [name]: value, ALLOW_NON_LOOPBACK_HTTP: "true" })[field]).toBe(value);
  });
});

it.each(["1", "yes", "TRUE", "false"])(
  "refuses ALLOW_NON_LOOPBACK_HTTP=%s (only the exact value true opens it)",
  (v) => {
    expect(() => loadConfig({ ...base, ALLOW_NON_LOOPBACK_HTTP: v })).toThrow(
      new ConfigError(`ALLOW_NON_LOOPBACK_HTTP must be "true" or unset, got: ${v}`),
    );
  },
);

it("leaves both endpoints unset by default: the production URLs", () => {
  const config = loadConfig(base);
  expect(config.jwksUri).toBeUndefined();
  expect(config.geminiBaseUrl).toBeUndefined();
});

it("fails the cold start itself (composeHandler, the production wiring) naming the variable", async () => {
  const { composeHandler } = await import("./compose.js");
  expect(() => composeHandler({ ...base, GEMINI_BASE_URL: "http://gemini.internal:8089" })).toThrow(
    /^GEMINI_BASE_URL must be https, or http to a loopback address/,
  );
});
