/**
 * Drives the real handler (composeHandler, the production wiring) through the awslambda double,
 * against a local JWKS and a local Gemini stub.
 */
import type { LambdaFunctionURLEvent } from "aws-lambda";
import type { StreamingHandler } from "../app.js";
import { composeHandler } from "../compose.js";
import { FakeResponseStream, installAwslambda } from "./awslambda-double.js";
import { type EventOptions, functionUrlEvent, lambdaContext } from "./events.js";
import { GeminiStub } from "./gemini-stub.js";
import { TestIdentityProvider } from "./identity-provider.js";

export interface Harness {
  idp: TestIdentityProvider;
  stub: GeminiStub;
  logs: string[];
  env: Record<string, string>;
  /** A handler built from `env` plus overrides (a fresh cold start each call). */
  build(overrides?: Record<string, string | undefined>): StreamingHandler;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  installAwslambda();
  const idp = await new TestIdentityProvider().start();
  const stub = await new GeminiStub().start();
  const logs: string[] = [];
  const env: Record<string, string> = {
    COGNITO_USER_POOL_ID: idp.userPoolId,
    COGNITO_CLIENT_ID: idp.clientId,
    COGNITO_JWKS_URI: idp.jwksUri,
    GEMINI_API_KEY: stub.apiKey,
    GEMINI_BASE_URL: stub.baseUrl,
    LOG_LEVEL: "info",
  };
  return {
    idp,
    stub,
    logs,
    env,
    build: (overrides = {}) =>
      composeHandler({ ...env, ...overrides }, { writeLog: (line) => logs.push(line) }),
    close: async () => {
      await stub.close();
      await idp.close();
    },
  };
}

export interface InvokeResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  stream: FakeResponseStream;
}

export async function invoke(
  handler: StreamingHandler,
  event: LambdaFunctionURLEvent,
  stream = new FakeResponseStream(),
): Promise<InvokeResult> {
  await handler(event, stream as unknown as awslambda.HttpResponseStream, lambdaContext());
  return { ...stream.response(), stream };
}

/** A valid chat POST with the token in x-forwarded-authorization, as CloudFront's function sends it. */
export function chatEvent(
  token: string | undefined,
  body: unknown = { query: "Why is my loop infinite?" },
  options: EventOptions = {},
): LambdaFunctionURLEvent {
  return functionUrlEvent({
    ...options,
    headers: {
      "content-type": "application/json",
      ...(token === undefined ? {} : { "x-forwarded-authorization": `Bearer ${token}` }),
      ...options.headers,
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/**
 * The `data:` payloads of an SSE body, in order (comments dropped). Not the tools' reader
 * (emulator/stack/chat-stream.ts) on purpose: the handler's tests import nothing from the emulator.
 */
export function sseData(body: string): string[] {
  return body
    .split("\n\n")
    .filter((event) => event.length > 0)
    .flatMap((event) =>
      event
        .split("\n")
        .filter((line) => line.startsWith("data: "))
        .map((line) => line.slice(6)),
    );
}

export function chunksOf(body: string): string[] {
  return sseData(body)
    .filter((d) => d !== "[DONE]")
    .map((d) => (JSON.parse(d) as { chunk?: string }).chunk)
    .filter((c): c is string => typeof c === "string");
}
