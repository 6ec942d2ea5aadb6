/**
 * The request flow: route -> token -> body -> prompt -> model -> spoiler guard -> SSE. Dependencies
 * come in as arguments, so tests drive the same function `index.ts` ships.
 */
import { randomUUID } from "node:crypto";
import type { Context, LambdaFunctionURLEvent } from "aws-lambda";
import type { Authenticator } from "./auth.js";
import type { HandlerConfig } from "./config.js";
import {
  type HandlerError,
  InternalError,
  ModelNotFoundError,
  toHandlerError,
  UpstreamTimeoutError,
} from "./errors.js";
import type { Logger } from "./log.js";
import { abortable } from "./model/abortable.js";
import { mapModelError } from "./model/map-error.js";
import type { TextModel } from "./model/types.js";
import { buildPrompt, type Prompt } from "./prompt.js";
import { checkRoute, parseChatRequest, type ValidChatRequest } from "./request.js";
import { ResponseWriter } from "./response-writer.js";
import { SpoilerGuard } from "./spoiler-guard.js";
import { codeShownIn } from "./spoiler-history.js";

export interface HandlerDeps {
  config: HandlerConfig;
  authenticate: Authenticator;
  /** Resolves the model (and its API key) lazily: an SSM read happens only for a valid request. */
  getModel: () => Promise<TextModel>;
  logger: Logger;
}

export type StreamingHandler = (
  event: LambdaFunctionURLEvent,
  responseStream: awslambda.HttpResponseStream,
  context: Context,
) => Promise<void>;

class ClientGone extends Error {}

/** @example export const handler = awslambda.streamifyResponse(createStreamingHandler(deps)); */
export function createStreamingHandler(deps: HandlerDeps): StreamingHandler {
  const { config, logger } = deps;
  return async (event, responseStream, context) => {
    const startedAt = Date.now();
    const requestId = context?.awsRequestId || event.requestContext?.requestId || randomUUID();
    const out = new ResponseWriter(responseStream, requestId, {
      intervalMs: config.keepAliveMs,
      padBytes: config.keepAlivePadBytes,
    });
    let sub: string | undefined;
    let outcome = "OK";
    let errorName: string | undefined;
    // The request's own inputs, scrubbed from an exception's message and stack if quoted there.
    const inputs: string[] = [];
    try {
      checkRoute(event);
      // No prototype: a header named `__proto__` stays an ordinary key.
      const headers: Record<string, string> = Object.create(null);
      for (const [name, value] of Object.entries(event.headers ?? {})) {
        if (value !== undefined) headers[name.toLowerCase()] = value;
      }
      // Auth comes before the body is read: an unauthenticated caller learns nothing about the schema.
      sub = (await deps.authenticate(headers)).sub;
      const request = parseChatRequest({ ...event, headers });
      inputs.push(request.query, request.userCode ?? "", ...request.history.map((turn) => turn.content));
      await streamAnswer(deps, buildPrompt(request), out, request);
    } catch (error) {
      if (error instanceof ClientGone) {
        outcome = "CLIENT_GONE";
      } else {
        const failure = toHandlerError(error);
        // The viewer gets the pinned INTERNAL only; the log gets the class, message and stack, redacted
        // (the message may quote the key, a token or the input).
        if (failure instanceof InternalError) {
          errorName = error instanceof Error ? error.name : typeof error;
          logger.exception("unhandled error", error, { fields: { requestId }, inputs });
        } else if (failure.status >= 500 && failure.cause !== undefined) {
          // A model failure mapped to a pinned code: what the SDK actually raised, for the developer. A
          // model Google no longer serves fails every request until GEMINI_MODEL changes: an error.
          logger.exception("upstream failure", failure.cause, {
            fields: { requestId, ...(failure instanceof ModelNotFoundError ? { model: config.model } : {}) },
            inputs,
            level: failure instanceof ModelNotFoundError ? "error" : "warn",
          });
        }
        outcome = failure.code;
        out.fail(failure);
      }
    } finally {
      await out.end();
      logger.request({
        requestId,
        sub,
        outcome,
        status: out.status,
        latencyMs: Date.now() - startedAt,
        chunks: out.chunks,
        streamed: out.status === 200,
        ...(errorName ? { error: errorName } : {}),
      });
    }
  };
}

async function streamAnswer(
  deps: HandlerDeps,
  prompt: Prompt,
  out: ResponseWriter,
  { userCode, history }: ValidChatRequest,
): Promise<void> {
  const model = await deps.getModel();
  const timeout = new AbortController();
  const timer = setTimeout(
    () => timeout.abort(new UpstreamTimeoutError("The model did not answer in time.")),
    deps.config.modelTimeoutMs,
  );
  // Lambda never reports a viewer that left (aws/aws-lambda-nodejs-runtime-interface-client#145): a call runs
  // to its natural end, this timeout, or the model's output cap (MODEL_MAX_OUTPUT_TOKENS), whichever comes
  // first.
  const signal = AbortSignal.any([out.clientGone, timeout.signal]);
  // The budget spans the conversation: the code the model's turns already showed counts.
  const guard = new SpoilerGuard(deps.config.spoilerMaxCodeLines, {
    userCode,
    alreadyShown: codeShownIn(history),
  });
  out.startKeepAlive();
  try {
    for await (const piece of abortable(model.streamText(prompt, signal), signal)) {
      const text = guard.push(piece);
      if (text) out.chunk(text);
    }
    const rest = guard.flush();
    if (rest) out.chunk(rest);
    out.done();
  } catch (error) {
    throw classify(error, out, timeout.signal);
  } finally {
    clearTimeout(timer);
  }
}

function classify(error: unknown, out: ResponseWriter, timeout: AbortSignal): HandlerError | ClientGone {
  if (out.clientGone.aborted) return new ClientGone();
  if (timeout.aborted) return timeout.reason as UpstreamTimeoutError;
  return mapModelError(error);
}
