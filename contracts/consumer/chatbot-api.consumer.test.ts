/**
 * Consumer side of the HTTP contract: the real chatbot client (`streamChat`) against Pact's mock
 * server, signed in with the real Amplify `getAuthHeaders` against the local Cognito emulator.
 * Each test asserts only what the client uses from the response.
 */
import { rmSync } from "node:fs";
import {
  MatchersV3,
  PactV3,
  SpecificationVersion,
  type V3MockServer,
  type V3Request,
} from "@pact-foundation/pact";
import { Amplify } from "aws-amplify";
import { signIn, signOut } from "aws-amplify/auth";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { createCognitoServer } from "../../emulator/cognito/server.js";
import {
  type ChatRequest,
  getAuthHeaders,
  hashPayload,
  streamChat,
} from "../../frontend/src/lib/chatbotApi.js";
import { testConfig } from "../../test/test-support/test-stack.js";
import { HTTP_PACT, PACT_DIR, pactFile, STATES } from "../test-support/pact-setup.js";
import { OVERSIZED_BODY, QUESTION, SCHEMA_BREAKING_BODY } from "../test-support/sample-requests.js";
import {
  EVENT_STREAM_CONTENT_TYPE_REGEX,
  JSON_CONTENT_TYPE_REGEX,
  SSE_ANSWER_REGEX,
} from "../test-support/sse-grammar.js";

const { eachLike, like, regex } = MatchersV3;

// The pact file is produced by this run alone: interactions removed here must not linger.
rmSync(pactFile(HTTP_PACT), { force: true });

/**
 * A fresh PactV3 per test, all merging into one pact file: a shared instance keeps earlier
 * interactions on its mock server, and the token-less one would then swallow later requests.
 */
function newPact(): PactV3 {
  return new PactV3({
    ...HTTP_PACT,
    dir: PACT_DIR,
    spec: SpecificationVersion.SPECIFICATION_VERSION_V3,
    logLevel: "warn",
  });
}

const config = testConfig();
const cognito = createCognitoServer({
  config: config.cognito,
  region: config.region,
  stateDir: config.stateDir,
});

beforeAll(async () => {
  const { url } = await cognito.listen(0, "127.0.0.1");
  // Amplify warns that a custom endpoint is in use (docs/platform-facts.md#amplify-against-a-local-cognito);
  // keep the output readable.
  vi.spyOn(console, "warn").mockImplementation(() => {});
  Amplify.configure({
    Auth: {
      Cognito: {
        userPoolId: config.cognito.userPoolId,
        userPoolClientId: config.cognito.clientId,
        userPoolEndpoint: url,
      },
    },
  });
  const result = await signIn({
    username: "alice",
    password: "Alice-Pass-1",
    options: { authFlowType: "USER_PASSWORD_AUTH" },
  });
  expect(result.isSignedIn).toBe(true);
});

afterAll(async () => {
  await signOut().catch(() => {});
  await cognito.close();
  rmSync(config.stateDir, { recursive: true, force: true });
});

/** Not a real token: the provider's request filter puts a real one in its place. */
const EXAMPLE_BEARER = "Bearer eyJhbGciOiJSUzI1NiIsImtpZCI6ImV4YW1wbGUifQ.eyJzdWIiOiJleGFtcGxlIn0.ZXhhbXBsZQ";
const EXAMPLE_REQUEST_ID = "8c4c1f0e-3f6b-4a51-9d2e-5b7a2e6c9d10";

/** What the provider relies on: a bearer token, the payload hash (OAC/SigV4), a JSON body. */
async function requestFor(body: ChatRequest | undefined, options: { token: boolean }): Promise<V3Request> {
  const json = JSON.stringify(body);
  return {
    method: "POST",
    path: "/chatbot",
    headers: {
      ...(options.token
        ? {
            Authorization: regex(
              String.raw`^Bearer [A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$`,
              EXAMPLE_BEARER,
            ),
          }
        : {}),
      "x-amz-content-sha256": regex("^[0-9a-f]{64}$", await hashPayload(json)),
      "Content-Type": regex(JSON_CONTENT_TYPE_REGEX, "application/json"),
    },
    body,
  };
}

/** The shape of a well-formed question, with matchers so any question of that shape fits. */
const QUESTION_SHAPE = {
  problemDetails: like(QUESTION.problemDetails),
  userCode: like(QUESTION.userCode),
  history: eachLike({ role: regex("^(user|model)$", "user"), content: like("Where do I start?") }),
  query: like(QUESTION.query),
};

function errorResponse(status: number, code: string, extraHeaders: Record<string, string> = {}) {
  return {
    status,
    headers: {
      "Content-Type": regex(JSON_CONTENT_TYPE_REGEX, "application/json; charset=utf-8"),
      ...extraHeaders,
    },
    contentType: "application/json",
    body: { error: { code, message: like("A sentence for people."), requestId: like(EXAMPLE_REQUEST_ID) } },
  };
}

/** A variable, not an inline literal: the `Matcher` type has no `regex` field to check it against. */
const SSE_BODY_RULE = { "pact:matcher:type": "regex", regex: SSE_ANSWER_REGEX };

/**
 * `executeTest` plus a short pause after the client is done. Under CPU load the Pact mock server can answer a
 * request before it books it as matched, and the check then reports "expected but not received"
 * (pact-foundation/pact-reference#535, pact-foundation/pact-js#1835; seen here about 1 run in 6 on 2 busy
 * cores). The pause only gives the bookkeeping time; a request that was never sent still fails.
 */
async function execute(pact: PactV3, test: (server: V3MockServer) => Promise<void>): Promise<void> {
  await pact.executeTest(async (server) => {
    await test(server);
    await new Promise((resolve) => setTimeout(resolve, 150));
  });
}

const noChunks = () => {
  throw new Error("no chunk was expected");
};

/** Sends `body` to the mock server with the real client and returns what it threw. */
function failureOf(
  server: V3MockServer,
  body: ChatRequest,
  auth: () => Promise<Record<string, string>> = getAuthHeaders,
): Promise<unknown> {
  return streamChat(body, {
    endpoint: `${server.url}/chatbot`,
    getAuthHeaders: auth,
    onChunk: noChunks,
  }).catch((e: unknown) => e);
}

it("a signed-in user asks a question -> 200 text/event-stream: chunk events, then [DONE]", async () => {
  const request = { ...(await requestFor(QUESTION, { token: true })), body: QUESTION_SHAPE };
  const sse =
    ": keep-alive\n\n" +
    'data: {"chunk":"Think about what "}\n\n' +
    'data: {"chunk":"you need to \\"remember\\"."}\n\n' +
    "data: [DONE]\n\n";
  const pact = newPact();
  pact
    .given(STATES.signedIn)
    .uponReceiving("a question from a signed-in user")
    .withRequest(request)
    .willRespondWith({
      status: 200,
      headers: {
        // Spelled like the key the Pact core adds for the body's content type, so it does not add a
        // second, exact `Content-Type: text/event-stream` that the provider's charset would fail.
        "Content-Type": regex(EVENT_STREAM_CONTENT_TYPE_REGEX, "text/event-stream; charset=utf-8"),
        "x-request-id": regex(String.raw`^\S+$`, EXAMPLE_REQUEST_ID),
      },
      contentType: "text/event-stream",
      body: sse,
    })
    // A text body gets matching only through a rule at `$` (inline matchers would be written out
    // literally); the whole-grammar regex is what the provider's stream must satisfy.
    // (It also re-applies the request details it is given: method and path only, so the header
    // matchers are not written twice.)
    .withResponseMatchingRules(
      { method: "POST", path: "/chatbot" },
      {
        body: { path: "$", rules: [SSE_BODY_RULE] },
      },
    );

  await execute(pact, async (server) => {
    const chunks: string[] = [];
    const result = await streamChat(QUESTION, {
      endpoint: `${server.url}/chatbot`,
      getAuthHeaders,
      onChunk: (text) => chunks.push(text),
    });
    expect(chunks).toEqual(["Think about what ", 'you need to "remember".']);
    expect(result).toEqual({
      text: 'Think about what you need to "remember".',
      outcome: "done",
      requestId: EXAMPLE_REQUEST_ID,
    });
  });
});

it("no token -> 401 TOKEN_MISSING with the pinned error JSON", async () => {
  const pact = newPact();
  pact
    .given(STATES.nobodySignedIn)
    .uponReceiving("a question without a token")
    .withRequest(await requestFor(QUESTION, { token: false }))
    .willRespondWith(
      errorResponse(401, "TOKEN_MISSING", { "www-authenticate": 'Bearer error="invalid_token"' }),
    );

  await execute(pact, async (server) => {
    // The real getAuthHeaders refuses to send anything when nobody is signed in (it throws
    // NOT_SIGNED_IN), so a token-less request can only come from a caller that bypasses it: that
    // caller is what this injected function stands for. The server's answer is what is pinned.
    const error = await failureOf(server, QUESTION, async () => ({}));
    expect(error).toMatchObject({ name: "ChatbotHttpError", status: 401, code: "TOKEN_MISSING" });
    expect(error).toHaveProperty("requestId", EXAMPLE_REQUEST_ID);
  });
});

it("an expired session -> 401 TOKEN_EXPIRED", async () => {
  const pact = newPact();
  pact
    .given(STATES.expiredSession)
    .uponReceiving("a question with an expired token")
    .withRequest(await requestFor(QUESTION, { token: true }))
    .willRespondWith(
      errorResponse(401, "TOKEN_EXPIRED", { "www-authenticate": 'Bearer error="invalid_token"' }),
    );

  await execute(pact, async (server) => {
    // The token expires between the client's check and the server's (clock skew, a long request):
    // the client sends what Amplify gave it, and must surface the server's TOKEN_EXPIRED.
    const error = await failureOf(server, QUESTION);
    expect(error).toMatchObject({ name: "ChatbotHttpError", status: 401, code: "TOKEN_EXPIRED" });
  });
});

it("a body that breaks the schema -> 400 INVALID_REQUEST", async () => {
  const pact = newPact();
  pact
    .given(STATES.signedIn)
    .uponReceiving("a question whose history uses an unknown role")
    .withRequest(await requestFor(SCHEMA_BREAKING_BODY, { token: true }))
    .willRespondWith(errorResponse(400, "INVALID_REQUEST"));

  await execute(pact, async (server) => {
    const error = await failureOf(server, SCHEMA_BREAKING_BODY);
    expect(error).toMatchObject({ name: "ChatbotHttpError", status: 400, code: "INVALID_REQUEST" });
  });
});

it("an oversized body -> 413 PAYLOAD_TOO_LARGE", async () => {
  const pact = newPact();
  pact
    .given(STATES.signedIn)
    .uponReceiving("a question over the body size limit")
    .withRequest(await requestFor(OVERSIZED_BODY, { token: true }))
    .willRespondWith(errorResponse(413, "PAYLOAD_TOO_LARGE"));

  await execute(pact, async (server) => {
    const error = await failureOf(server, OVERSIZED_BODY);
    expect(error).toMatchObject({ name: "ChatbotHttpError", status: 413, code: "PAYLOAD_TOO_LARGE" });
  });
});

it("the tutor is unavailable -> 503 UPSTREAM_UNAVAILABLE, marked retryable", async () => {
  const pact = newPact();
  pact
    .given(STATES.tutorUnavailable)
    .uponReceiving("a question while the model is unavailable")
    .withRequest({ ...(await requestFor(QUESTION, { token: true })), body: QUESTION_SHAPE })
    .willRespondWith(errorResponse(503, "UPSTREAM_UNAVAILABLE"));

  await execute(pact, async (server) => {
    const error = await failureOf(server, QUESTION);
    expect(error).toMatchObject({
      name: "ChatbotHttpError",
      status: 503,
      code: "UPSTREAM_UNAVAILABLE",
      retryable: true,
    });
  });
});
