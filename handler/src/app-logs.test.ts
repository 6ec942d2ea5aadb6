/**
 * What the handler's log says when something goes wrong (README.md, "Logs"): an exception's message and stack
 * (redacted) while the viewer gets only the pinned 500, and at debug which auth check refused a token.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { createStreamingHandler } from "./app.js";
import { createAuthenticator } from "./auth.js";
import { loadConfig } from "./config.js";
import { createLogger } from "./log.js";
import { chatEvent, type Harness, invoke, startHarness } from "./test-support/harness.js";
import { newSigningKey } from "./test-support/identity-provider.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.logs.length = 0;
  h.idp.available = true;
});

const lines = () => h.logs.map((line) => JSON.parse(line) as Record<string, unknown>);

/** The shipped request flow with a model step that fails the way a coding slip does. */
function handlerWithFailingModel(fail: (token: string) => never, token: string) {
  const config = loadConfig(h.env);
  const logger = createLogger(config.logLevel, {
    write: (line) => h.logs.push(line),
    secrets: [h.stub.apiKey],
  });
  return createStreamingHandler({
    config,
    authenticate: createAuthenticator(config, logger),
    getModel: async () => fail(token),
    logger,
  });
}

it("a TypeError in the request path: the viewer gets the pinned 500 INTERNAL, the log gets message and stack with token, key and query redacted", async () => {
  const token = h.idp.mint();
  const query = "why does my recursion never stop";
  const handler = handlerWithFailingModel((t) => {
    throw new TypeError(
      `Cannot read properties of undefined (reading 'x') for ${t} ${h.stub.apiKey} ${query}`,
    );
  }, token);
  const result = await invoke(handler, chatEvent(token, { query }));

  expect(result.statusCode).toBe(500);
  expect(JSON.parse(result.body)).toEqual({
    error: { code: "INTERNAL", message: "Internal error.", requestId: result.headers["x-request-id"] },
  });
  const [exception, request] = lines();
  expect(exception).toMatchObject({
    level: "ERROR",
    message: "unhandled error",
    requestId: result.headers["x-request-id"],
    exception: {
      name: "TypeError",
      message: "Cannot read properties of undefined (reading 'x') for [REDACTED] [REDACTED] [REDACTED]",
      // The stack points into the handler's source (app-logs.test.ts threw, app.ts called it).
      stack: expect.stringMatching(/TypeError[\s\S]*app-logs\.test\.ts:\d+[\s\S]*handler\/src\/app\.ts:\d+/),
    },
  });
  expect(request).toMatchObject({ message: "request", outcome: "INTERNAL", status: 500, error: "TypeError" });
  const [, payload, signature] = token.split(".");
  for (const secret of [payload, signature, h.stub.apiKey, query]) {
    expect(h.logs.join("\n")).not.toContain(secret);
  }
});

it.each([
  ["header missing or empty", () => chatEvent(undefined)],
  [
    'not "Bearer <token>"',
    () => chatEvent(undefined, undefined, { headers: { "x-forwarded-authorization": "Basic abc" } }),
  ],
  ["not a well-formed JWT", () => chatEvent("not-a.jwt")],
  ["expired (exp)", () => chatEvent(h.idp.mint({ expiresIn: -60 }))],
  ["audience (aud)", () => chatEvent(h.idp.mint({ claims: { aud: "another-client" } }))],
  [
    "issuer (iss)",
    () =>
      chatEvent(
        h.idp.mint({ claims: { iss: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other" } }),
      ),
  ],
  ["token_use", () => chatEvent(h.idp.mint({ claims: { token_use: "access" } }))],
  ["unknown kid", () => chatEvent(h.idp.mint({ key: newSigningKey() }))],
  ["signature", () => chatEvent(h.idp.mint({ key: { ...newSigningKey(), kid: h.idp.keys[0]?.kid ?? "" } }))],
  ["claims: no subject", () => chatEvent(h.idp.mint({ claims: { sub: undefined } }))],
])("LOG_LEVEL=debug names the refusing auth check (%s) and never the token", async (check, event) => {
  const e = event();
  await invoke(h.build({ LOG_LEVEL: "debug" }), e);
  const debug = lines().filter((line) => line.level === "DEBUG");
  expect(debug).toMatchObject([{ message: "token refused", check }]);
  const sent = e.headers["x-forwarded-authorization"]?.replace(/^Bearer /, "") ?? "";
  for (const part of sent.split(".").filter((p) => p.length >= 16))
    expect(h.logs.join("\n")).not.toContain(part);
});

it("names the group rule at debug when ALLOWED_GROUPS refuses the token", async () => {
  const token = h.idp.mint({ claims: { "cognito:groups": ["guests"] } });
  await invoke(h.build({ LOG_LEVEL: "DEBUG", ALLOWED_GROUPS: "staff" }), chatEvent(token));
  expect(lines().filter((line) => line.level === "DEBUG")).toMatchObject([
    { check: "group rule (cognito:groups)", code: "FORBIDDEN" },
  ]);
});

it("prints no auth debug line at the default level", async () => {
  await invoke(h.build(), chatEvent("not-a.jwt"));
  expect(lines().map((line) => line.level)).toEqual(["INFO"]);
});

it("a model failure mapped to 502 UPSTREAM_ERROR logs what the SDK raised at warn, redacted; the viewer gets the pinned message", async () => {
  h.stub.scenario = {
    error: { status: 500, statusText: "INTERNAL", message: `backend exploded near ${h.stub.apiKey}` },
  };
  const result = await invoke(h.build(), chatEvent(h.idp.mint()));
  expect(result.statusCode).toBe(502);
  expect(result.body).not.toContain("backend exploded");
  const warn = lines().find((line) => line.level === "WARN");
  expect(warn).toMatchObject({
    message: "upstream failure",
    requestId: result.headers["x-request-id"],
    exception: { message: expect.stringContaining("backend exploded near [REDACTED]") },
  });
  expect(h.logs.join("\n")).not.toContain(h.stub.apiKey);
});

// Powertools "AWS Lambda Advanced Logging Controls": the application level wins, and a lower LOG_LEVEL
// draws one warning at cold start.
it("LOG_LEVEL=debug under AWS_LAMBDA_LOG_LEVEL=INFO: no debug lines, one warning saying why", async () => {
  const handler = h.build({ LOG_LEVEL: "debug", AWS_LAMBDA_LOG_LEVEL: "INFO" });
  await invoke(handler, chatEvent("not-a.jwt"));
  expect(lines().map((line) => [line.level, line.message])).toEqual([
    [
      "WARN",
      "LOG_LEVEL=debug is below Lambda's application log level (AWS_LAMBDA_LOG_LEVEL=INFO), which wins; set the function's application log level (Terraform application_log_level) instead",
    ],
    ["INFO", "request"],
  ]);
});

it("AWS_LAMBDA_LOG_LEVEL=DEBUG prints the debug lines even with LOG_LEVEL=error, without a warning", async () => {
  await invoke(h.build({ LOG_LEVEL: "error", AWS_LAMBDA_LOG_LEVEL: "DEBUG" }), chatEvent("not-a.jwt"));
  expect(lines().map((line) => line.level)).toEqual(["DEBUG", "INFO"]);
});

// GEMINI_SDK chose an SDK adapter until @google/generative-ai was removed: `genai` (the old default)
// still starts, with one warning at cold start; `generative-ai` fails Init (config.test.ts).
it("GEMINI_SDK=genai, an obsolete setting, draws one warning at cold start and changes nothing else", async () => {
  h.stub.scenario = { pieces: ["Hello"] };
  const result = await invoke(h.build({ GEMINI_SDK: "genai" }), chatEvent(h.idp.mint()));
  expect(result.body.endsWith("data: [DONE]\n\n")).toBe(true);
  expect(lines().map((line) => [line.level, line.message])).toEqual([
    [
      "WARN",
      "GEMINI_SDK is obsolete and ignored: the handler always uses @google/genai; remove it from the function's environment",
    ],
    ["INFO", "request"],
  ]);
});
