import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FakeResponseStream } from "./test-support/awslambda-double.js";
import { chatEvent, chunksOf, type Harness, invoke, sseData, startHarness } from "./test-support/harness.js";
import { newSigningKey } from "./test-support/identity-provider.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.stub.scenario = { pieces: ["Hello", ", how can I help?"] };
  h.stub.requests.length = 0;
  h.logs.length = 0;
  h.idp.available = true;
});

function expectError(
  result: { statusCode: number; headers: Record<string, string>; body: string },
  status: number,
  code: string,
  message: string | RegExp,
) {
  expect(result.statusCode).toBe(status);
  expect(result.headers["content-type"]).toBe("application/json; charset=utf-8");
  const body = JSON.parse(result.body) as { error: { code: string; message: string; requestId: string } };
  expect(body.error.code).toBe(code);
  if (typeof message === "string") expect(body.error.message).toBe(message);
  else expect(body.error.message).toMatch(message);
  expect(body.error.requestId).toBe(result.headers["x-request-id"]);
  expect(body.error.requestId).toMatch(/^[0-9a-f-]{36}$/);
}

describe.each(["genai", "generative-ai"] as const)("with GEMINI_SDK=%s", (sdk) => {
  it("streams the answer in the pinned SSE format (shared design, SSE stream)", async () => {
    const result = await invoke(h.build({ GEMINI_SDK: sdk }), chatEvent(h.idp.mint()));
    expect(result.statusCode).toBe(200);
    expect(result.headers["content-type"]).toBe("text/event-stream; charset=utf-8");
    expect(result.headers["cache-control"]).toBe("no-cache");
    expect(result.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.body).toBe(
      'data: {"chunk":"Hello"}\n\ndata: {"chunk":", how can I help?"}\n\ndata: [DONE]\n\n',
    );
    // aws-facts.md: the prelude content type and 8 NUL bytes come before the body.
    expect(result.stream.contentType).toBe("application/vnd.awslambda.http-integration-response");
    expect(result.stream.raw().includes(Buffer.alloc(8))).toBe(true);
  });

  it("sends the prompt to Gemini with the key in x-goog-api-key, history and query last", async () => {
    await invoke(
      h.build({ GEMINI_SDK: sdk }),
      chatEvent(h.idp.mint(), {
        query: "What next?",
        userCode: "print(1)",
        problemDetails: { title: "Two Sum", description: "Find two numbers." },
        history: [
          { role: "user", content: "hi" },
          { role: "model", content: "hello" },
        ],
      }),
    );
    const request = h.stub.requests[0];
    expect(request?.path).toBe("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
    expect(request?.apiKey).toBe(h.stub.apiKey);
    const contents = request?.body.contents ?? [];
    expect(contents.map((c) => c.role)).toEqual(["user", "model", "user", "model", "user"]);
    expect(contents.at(-1)?.parts[0]?.text).toBe("What next?");
    expect(contents[0]?.parts[0]?.text).toContain("<user_code>\nprint(1)\n</user_code>");
    expect(request?.body.systemInstruction?.parts?.[0]?.text).toContain("Never give a full solution");
  });

  it("maps a 429 with RetryInfo to 429 UPSTREAM_RATE_LIMITED with Retry-After", async () => {
    h.stub.scenario = {
      error: {
        status: 429,
        statusText: "RESOURCE_EXHAUSTED",
        message: "Quota exceeded",
        details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "36.5s" }],
      },
    };
    const result = await invoke(h.build({ GEMINI_SDK: sdk }), chatEvent(h.idp.mint()));
    expectError(result, 429, "UPSTREAM_RATE_LIMITED", "The model is rate limited; try again later.");
    expect(result.headers["retry-after"]).toBe("37");
  });

  it("maps a 503 UNAVAILABLE to 503 UPSTREAM_UNAVAILABLE", async () => {
    h.stub.scenario = {
      error: { status: 503, statusText: "UNAVAILABLE", message: "The model is overloaded." },
    };
    const result = await invoke(h.build({ GEMINI_SDK: sdk }), chatEvent(h.idp.mint()));
    expectError(result, 503, "UPSTREAM_UNAVAILABLE", "The model is unavailable; try again shortly.");
  });

  it("maps a 500 to 502 UPSTREAM_ERROR", async () => {
    h.stub.scenario = { error: { status: 500, statusText: "INTERNAL", message: "boom" } };
    const result = await invoke(h.build({ GEMINI_SDK: sdk }), chatEvent(h.idp.mint()));
    expectError(result, 502, "UPSTREAM_ERROR", "The model request failed (status 500).");
  });

  it("maps a bad API key (Google answers 400 API_KEY_INVALID) to 502 UPSTREAM_ERROR", async () => {
    const result = await invoke(
      h.build({ GEMINI_SDK: sdk, GEMINI_API_KEY: "wrong" }),
      chatEvent(h.idp.mint()),
    );
    expectError(result, 502, "UPSTREAM_ERROR", "The model request failed (status 400).");
  });

  it("maps an unreachable model to 503 UPSTREAM_UNAVAILABLE", async () => {
    const result = await invoke(
      h.build({ GEMINI_SDK: sdk, GEMINI_BASE_URL: "http://127.0.0.1:9" }),
      chatEvent(h.idp.mint()),
    );
    expectError(result, 503, "UPSTREAM_UNAVAILABLE", "The model could not be reached.");
  });

  it.each(["SAFETY", "RECITATION"])("surfaces finishReason %s as UPSTREAM_ERROR", async (reason) => {
    h.stub.scenario = { pieces: [""], finishReason: reason };
    const result = await invoke(h.build({ GEMINI_SDK: sdk }), chatEvent(h.idp.mint()));
    expectError(
      result,
      502,
      "UPSTREAM_ERROR",
      `The model declined to answer (${reason}). Try rephrasing the question.`,
    );
  });

  it("surfaces a blocked prompt (promptFeedback.blockReason) as UPSTREAM_ERROR", async () => {
    h.stub.scenario = { blockReason: "SAFETY" };
    const result = await invoke(h.build({ GEMINI_SDK: sdk }), chatEvent(h.idp.mint()));
    expectError(
      result,
      502,
      "UPSTREAM_ERROR",
      "The model declined to answer (prompt blocked: SAFETY). Try rephrasing the question.",
    );
  });

  it("SAFETY after some text ends the stream with an error event and no [DONE]", async () => {
    h.stub.scenario = { pieces: ["Let me ", "explain"], finishReason: "SAFETY" };
    const result = await invoke(h.build({ GEMINI_SDK: sdk }), chatEvent(h.idp.mint()));
    expect(result.statusCode).toBe(200);
    expect(result.body).toContain('data: {"chunk":"Let me "}\n\n');
    expect(
      result.body.endsWith(
        'event: error\ndata: {"error":{"code":"UPSTREAM_ERROR","message":"The model declined to answer (SAFETY). Try rephrasing the question."}}\n\n',
      ),
    ).toBe(true);
    expect(result.body).not.toContain("[DONE]");
  });

  it("a model that never answers gives 504 UPSTREAM_TIMEOUT after MODEL_TIMEOUT_MS", async () => {
    h.stub.scenario = { pieces: [], thenHang: true };
    const started = Date.now();
    const result = await invoke(
      h.build({ GEMINI_SDK: sdk, MODEL_TIMEOUT_MS: "300" }),
      chatEvent(h.idp.mint()),
    );
    expectError(result, 504, "UPSTREAM_TIMEOUT", "The model did not answer in time.");
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("a timeout after output ends with event: error UPSTREAM_TIMEOUT and no [DONE]", async () => {
    h.stub.scenario = { pieces: ["Partial"], thenHang: true };
    const result = await invoke(
      h.build({ GEMINI_SDK: sdk, MODEL_TIMEOUT_MS: "400" }),
      chatEvent(h.idp.mint()),
    );
    expect(result.statusCode).toBe(200);
    expect(result.body).toBe(
      'data: {"chunk":"Partial"}\n\nevent: error\ndata: {"error":{"code":"UPSTREAM_TIMEOUT","message":"The model did not answer in time."}}\n\n',
    );
  });

  it("a connection cut mid-stream ends with an error event", async () => {
    h.stub.scenario = { pieces: ["Partial"], thenDestroy: true };
    const result = await invoke(h.build({ GEMINI_SDK: sdk }), chatEvent(h.idp.mint()));
    expect(result.statusCode).toBe(200);
    const last = sseData(result.body).at(-1) ?? "";
    expect(result.body).toContain("event: error\n");
    expect(JSON.parse(last).error.code).toMatch(/^UPSTREAM_(ERROR|UNAVAILABLE)$/);
    expect(result.body).not.toContain("[DONE]");
  });

  it("caps every model call with maxOutputTokens (MODEL_MAX_OUTPUT_TOKENS): Lambda never reports a viewer that left (RIC issue #145), so the cap bounds what a call nobody reads costs", async () => {
    await invoke(h.build({ GEMINI_SDK: sdk }), chatEvent(h.idp.mint()));
    await invoke(h.build({ GEMINI_SDK: sdk, MODEL_MAX_OUTPUT_TOKENS: "256" }), chatEvent(h.idp.mint()));
    const caps = h.stub.requests.map(
      (r) =>
        (r.body as { generationConfig?: { maxOutputTokens?: number } }).generationConfig?.maxOutputTokens,
    );
    expect(caps).toEqual([4096, 256]);
  });

  it("an answer cut at maxOutputTokens (finishReason MAX_TOKENS) keeps its text but ends with an error event, not [DONE]", async () => {
    h.stub.scenario = { pieces: ["Start with", " the"], finishReason: "MAX_TOKENS" };
    const result = await invoke(h.build({ GEMINI_SDK: sdk }), chatEvent(h.idp.mint()));
    expect(result.statusCode).toBe(200);
    expect(chunksOf(result.body).join("")).toBe("Start with the");
    expect(JSON.parse(sseData(result.body).at(-1) ?? "{}").error.code).toBe("UPSTREAM_ERROR");
    expect(result.body).not.toContain("[DONE]");
  });

  it("a response stream that breaks anyway stops the model call (a guard only: Lambda does not report a gone viewer, RIC issue #145)", async () => {
    h.stub.scenario = { pieces: ["one", "two", "three", "four", "five"], delayMs: 150 };
    const stream = new FakeResponseStream();
    stream.onWrite = (chunk) => {
      if (chunk.toString().includes('"chunk"')) stream.destroy();
    };
    const aborted = h.stub.abortedRequests;
    const handler = h.build({ GEMINI_SDK: sdk });
    await handler(
      chatEvent(h.idp.mint()),
      stream as unknown as awslambda.HttpResponseStream,
      {
        awsRequestId: "abc",
      } as never,
    );
    await expect.poll(() => h.stub.abortedRequests, { timeout: 3000 }).toBe(aborted + 1);
    expect(stream.raw().toString()).not.toContain("two");
    expect(JSON.parse(h.logs.at(-1) ?? "{}").outcome).toBe("CLIENT_GONE");
  });
});

it("sends `: keep-alive` comments padded to KEEPALIVE_PAD_BYTES while the model is silent (KEEPALIVE_MS)", async () => {
  h.stub.scenario = { pieces: ["late"], delayMs: 350 };
  const result = await invoke(h.build({ KEEPALIVE_MS: "100" }), chatEvent(h.idp.mint()));
  expect(result.statusCode).toBe(200);
  const first = result.body.slice(0, result.body.indexOf("\n\n") + 2);
  expect(first).toMatch(/^: keep-alive *\n\n$/);
  expect(Buffer.byteLength(first)).toBe(16_384);
  expect(result.body.endsWith('data: {"chunk":"late"}\n\ndata: [DONE]\n\n')).toBe(true);

  const plain = await invoke(
    h.build({ KEEPALIVE_MS: "100", KEEPALIVE_PAD_BYTES: "0" }),
    chatEvent(h.idp.mint()),
  );
  expect(plain.body.startsWith(": keep-alive\n\n")).toBe(true);
});

it("replaces a long code block with a notice (spoiler guard) and passes prose through", async () => {
  const code = Array.from({ length: 20 }, (_, i) => `line ${i}\n`).join("");
  h.stub.scenario = {
    pieces: ["Try this:\n``", `\`python\n${code.slice(0, 30)}`, `${code.slice(30)}\`\`\`\nGood luck`],
  };
  const result = await invoke(h.build({ SPOILER_MAX_CODE_LINES: "5" }), chatEvent(h.idp.mint()));
  const text = chunksOf(result.body).join("");
  expect(text).toContain("Try this:\n");
  expect(text).toContain("[Code withheld:");
  expect(text).not.toContain("line 7");
  expect(text.endsWith("Good luck")).toBe(true);
});

describe("routing", () => {
  it("answers 404 NOT_FOUND for another path", async () => {
    const result = await invoke(h.build(), chatEvent(h.idp.mint(), {}, { path: "/admin" }));
    expectError(result, 404, "NOT_FOUND", "No route for /admin.");
  });

  it("answers 405 METHOD_NOT_ALLOWED with Allow: POST for another method", async () => {
    const result = await invoke(h.build(), chatEvent(h.idp.mint(), {}, { method: "GET" }));
    expectError(result, 405, "METHOD_NOT_ALLOWED", "Method GET is not allowed; use POST.");
    expect(result.headers.allow).toBe("POST");
  });
});

describe("auth (aws-jwt-verify CognitoJwtVerifier, aws-facts.md)", () => {
  const invalid = (result: { headers: Record<string, string> }) =>
    expect(result.headers["www-authenticate"]).toBe('Bearer error="invalid_token"');

  it("401 TOKEN_MISSING without the header", async () => {
    const result = await invoke(h.build(), chatEvent(undefined));
    expectError(
      result,
      401,
      "TOKEN_MISSING",
      'Missing ID token: send "Bearer <token>" in x-forwarded-authorization.',
    );
    invalid(result);
    expect(h.stub.requests).toHaveLength(0);
  });

  it("reads only x-forwarded-authorization, never authorization (OAC overwrites it)", async () => {
    const result = await invoke(
      h.build(),
      chatEvent(undefined, undefined, { headers: { authorization: `Bearer ${h.idp.mint()}` } }),
    );
    expectError(result, 401, "TOKEN_MISSING", /x-forwarded-authorization/);
  });

  it("honours AUTH_TOKEN_HEADER", async () => {
    const handler = h.build({ AUTH_TOKEN_HEADER: "X-Id-Token" });
    const ok = await invoke(
      handler,
      chatEvent(undefined, undefined, { headers: { "x-id-token": `Bearer ${h.idp.mint()}` } }),
    );
    expect(ok.statusCode).toBe(200);
  });

  it.each([
    ["Basic abc", '"Bearer <token>"'],
    ["Bearer", '"Bearer <token>"'],
  ])("401 TOKEN_MALFORMED for header %j", async (value) => {
    const result = await invoke(
      h.build(),
      chatEvent(undefined, undefined, { headers: { "x-forwarded-authorization": value } }),
    );
    expectError(result, 401, "TOKEN_MALFORMED", 'x-forwarded-authorization must be "Bearer <token>".');
    invalid(result);
    expect(h.stub.requests).toHaveLength(0);
  });

  it("401 TOKEN_MALFORMED for a token that is not a JWT", async () => {
    const result = await invoke(h.build(), chatEvent("not-a.jwt"));
    expectError(result, 401, "TOKEN_MALFORMED", "The ID token is not a well-formed JWT.");
    invalid(result);
  });

  it("401 TOKEN_EXPIRED for an expired token", async () => {
    const result = await invoke(h.build(), chatEvent(h.idp.mint({ expiresIn: -60 })));
    expectError(result, 401, "TOKEN_EXPIRED", "The ID token has expired.");
    invalid(result);
    expect(h.stub.requests).toHaveLength(0);
  });

  it.each([
    ["signature", () => h.idp.mint({ key: { ...newSigningKey(), kid: h.idp.keys[0]?.kid ?? "" } })],
    ["unknown signing key", () => h.idp.mint({ key: newSigningKey() })],
    [
      "issuer",
      () => h.idp.mint({ claims: { iss: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other" } }),
    ],
    ["audience", () => h.idp.mint({ claims: { aud: "another-client" } })],
    ["token use", () => h.idp.mint({ claims: { token_use: "access" } })],
    // aws-jwt-verify alone accepts these; every Cognito ID token has exp, sub and a past iat.
    ["no expiry", () => h.idp.mint({ claims: { exp: undefined } })],
    ["no issue time", () => h.idp.mint({ claims: { iat: undefined } })],
    ["no subject", () => h.idp.mint({ claims: { sub: undefined } })],
    ["issued in the future", () => h.idp.mint({ claims: { iat: Math.floor(Date.now() / 1000) + 3600 } })],
  ])("401 TOKEN_INVALID (%s)", async (reason, token) => {
    const result = await invoke(h.build(), chatEvent(token()));
    expectError(result, 401, "TOKEN_INVALID", `The ID token is not valid (${reason}).`);
    invalid(result);
    expect(h.stub.requests).toHaveLength(0);
  });

  // aws-facts.md: the verifier refuses `alg: none`. Without a signature the JWT does not even parse;
  // with the original signature kept it fails the algorithm check.
  it.each([
    ["without a signature", false, "TOKEN_MALFORMED", "The ID token is not a well-formed JWT."],
    ["with the original signature", true, "TOKEN_INVALID", "The ID token is not valid (signature)."],
  ])("refuses alg none %s", async (_name, keepSignature, code, message) => {
    const [, payload, signature] = h.idp.mint().split(".");
    const header = Buffer.from(JSON.stringify({ alg: "none", kid: h.idp.keys[0]?.kid })).toString(
      "base64url",
    );
    const result = await invoke(
      h.build(),
      chatEvent(`${header}.${payload}.${keepSignature ? signature : ""}`),
    );
    expectError(result, 401, code, message);
    invalid(result);
    expect(h.stub.requests).toHaveLength(0);
  });

  it("403 FORBIDDEN when ALLOWED_GROUPS does not match cognito:groups", async () => {
    const handler = h.build({ ALLOWED_GROUPS: "students, staff" });
    const result = await invoke(handler, chatEvent(h.idp.mint({ claims: { "cognito:groups": ["guests"] } })));
    expectError(result, 403, "FORBIDDEN", "Your account is not in a group allowed to use the tutor.");
    expect(h.stub.requests).toHaveLength(0);
    const ok = await invoke(handler, chatEvent(h.idp.mint({ claims: { "cognito:groups": ["staff"] } })));
    expect(ok.statusCode).toBe(200);
  });

  it("503 AUTH_UNAVAILABLE when the JWKS cannot be fetched and nothing is cached", async () => {
    h.idp.available = false;
    const result = await invoke(h.build(), chatEvent(h.idp.mint()));
    expectError(result, 503, "AUTH_UNAVAILABLE", "Token keys are unavailable; try again shortly.");
    expect(h.stub.requests).toHaveLength(0);
  });

  it("503 AUTH_UNAVAILABLE when the JWKS host refuses connections", async () => {
    const result = await invoke(
      h.build({ COGNITO_JWKS_URI: "http://127.0.0.1:9/.well-known/jwks.json" }),
      chatEvent(h.idp.mint()),
    );
    expectError(result, 503, "AUTH_UNAVAILABLE", "Token keys are unavailable; try again shortly.");
  });

  it("caches the JWKS across invocations and refetches on an unknown kid (key rotation)", async () => {
    const handler = h.build();
    const before = h.idp.jwksRequests;
    expect((await invoke(handler, chatEvent(h.idp.mint()))).statusCode).toBe(200);
    expect((await invoke(handler, chatEvent(h.idp.mint()))).statusCode).toBe(200);
    expect(h.idp.jwksRequests - before).toBe(1);
    const rotated = newSigningKey();
    h.idp.keys.push(rotated);
    try {
      expect((await invoke(handler, chatEvent(h.idp.mint({ key: rotated })))).statusCode).toBe(200);
      expect(h.idp.jwksRequests - before).toBe(2);
      // Cached keys keep working while the JWKS endpoint is down.
      h.idp.available = false;
      expect((await invoke(handler, chatEvent(h.idp.mint()))).statusCode).toBe(200);
    } finally {
      h.idp.keys.pop();
    }
  });

  it("keeps the library's rate limit: a flood of unknown kids refetches the JWKS once (penalty box)", async () => {
    const handler = h.build();
    const before = h.idp.jwksRequests;
    expect((await invoke(handler, chatEvent(h.idp.mint()))).statusCode).toBe(200);
    for (let i = 0; i < 3; i++) {
      const result = await invoke(handler, chatEvent(h.idp.mint({ key: newSigningKey() })));
      expectError(result, 401, "TOKEN_INVALID", "The ID token is not valid (unknown signing key).");
    }
    // One fetch to warm the cache, one refetch for the first unknown kid, then the 10 s wait period.
    expect(h.idp.jwksRequests - before).toBe(2);
    expect(h.stub.requests).toHaveLength(1);
  });
});

describe("body", () => {
  it("415 UNSUPPORTED_MEDIA_TYPE for another content type", async () => {
    const event = chatEvent(h.idp.mint(), "query=x", {
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    const result = await invoke(h.build(), event);
    expectError(result, 415, "UNSUPPORTED_MEDIA_TYPE", "Content-Type must be application/json.");
  });

  it("413 PAYLOAD_TOO_LARGE over 256 KiB", async () => {
    const result = await invoke(
      h.build(),
      chatEvent(h.idp.mint(), { query: "x", pad: "y".repeat(256 * 1024) }),
    );
    expectError(result, 413, "PAYLOAD_TOO_LARGE", /^The body is \d+ bytes; the limit is 262144\.$/);
  });

  it("400 INVALID_JSON for a body that is not JSON", async () => {
    const result = await invoke(h.build(), chatEvent(h.idp.mint(), "{nope"));
    expectError(result, 400, "INVALID_JSON", "The body is not valid JSON.");
  });

  it("400 INVALID_REQUEST naming the field", async () => {
    const result = await invoke(h.build(), chatEvent(h.idp.mint(), { query: "" }));
    expectError(result, 400, "INVALID_REQUEST", "query: must not be empty");
    expect(h.stub.requests).toHaveLength(0);
  });

  it("decodes a base64 body (isBase64Encoded)", async () => {
    const event = chatEvent(h.idp.mint());
    event.body = Buffer.from(JSON.stringify({ query: "base64 works?" })).toString("base64");
    event.isBase64Encoded = true;
    const result = await invoke(h.build(), event);
    expect(result.statusCode).toBe(200);
    expect(h.stub.requests[0]?.body.contents?.at(-1)?.parts[0]?.text).toBe("base64 works?");
  });
});

describe("failures and logs", () => {
  it("500 INTERNAL with no internals when the API key cannot be read from SSM", async () => {
    const handler = h.build({
      GEMINI_API_KEY: undefined,
      GEMINI_API_KEY_PARAMETER: "/chatbot/key",
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
      AWS_SECRET_ACCESS_KEY: "secret",
      AWS_ENDPOINT_URL_SSM: "http://127.0.0.1:9",
    });
    const result = await invoke(handler, chatEvent(h.idp.mint()));
    expectError(result, 500, "INTERNAL", "Internal error.");
    // The exception (redacted, app-logs.test.ts), then one line for the request naming the error class.
    expect(h.logs).toHaveLength(2);
    expect(JSON.parse(h.logs[0] ?? "{}")).toMatchObject({ level: "ERROR", message: "unhandled error" });
    const line = JSON.parse(h.logs[1] ?? "{}");
    expect(line).toMatchObject({ level: "ERROR", outcome: "INTERNAL", status: 500, chunks: 0 });
    expect(line.error).toMatch(/^\w+$/);
    expect(h.logs[1]).not.toContain("/chatbot/key");
  });

  it("logs one JSON line per request without token, key, query or code", async () => {
    const token = h.idp.mint();
    const query = "my secret question text";
    const userCode = "int secretCode = 42;";
    const result = await invoke(h.build(), chatEvent(token, { query, userCode }));
    expect(h.logs).toHaveLength(1);
    const line = JSON.parse(h.logs[0] ?? "{}");
    expect(line).toMatchObject({
      message: "request",
      requestId: result.headers["x-request-id"],
      sub: "0a8e3c1e-5d7b-4a7e-9f51-3c1d2b6a9e01",
      outcome: "OK",
      status: 200,
      chunks: 2,
    });
    expect(typeof line.latencyMs).toBe("number");
    for (const secret of [token, h.stub.apiKey, query, userCode]) expect(h.logs[0]).not.toContain(secret);
  });

  it("logs the error code as the outcome", async () => {
    await invoke(h.build(), chatEvent(undefined));
    expect(JSON.parse(h.logs[0] ?? "{}")).toMatchObject({ outcome: "TOKEN_MISSING", status: 401, chunks: 0 });
  });
});
