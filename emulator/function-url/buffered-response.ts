/**
 * What the HTTP client of a `BUFFERED` Function URL sees for what the runtime sent back: every decision
 * the Lambda service makes about a buffered invocation's response, in one place, for both container
 * runtimes (the streaming URL's are in invocation-response.ts).
 *
 * - Nothing goes out before the invocation is over: the payload is collected whole, then answered in one
 *   piece with its `content-length` (Lambda guide, urls-invocation: a buffered URL returns the
 *   response "when the payload is complete").
 * - The payload is read as the response payload format 2.0 (payload-format.ts).
 * - Past 6 MiB + 100 bytes (RIE `interop.MaxPayloadSize`, `sendPayloadLimitedResponse`: the copy stops
 *   one byte over) the invocation fails with `Function.ResponseSizeTooLarge` and the client gets 502.
 * - A function error, a timeout, a crash: 502 `Internal Server Error` (recorded against AWS:
 *   localstack/localstack `test_lambda_url_invocation_exception`, AWS-validated).
 * - A streamified handler behind a BUFFERED URL: its streamed bytes, prelude included, are the payload
 *   (RIE copies a streaming runtime's response into a buffered invocation the same way).
 */
import type http from "node:http";
import { MAX_BUFFERED_RESPONSE_BYTES } from "../aws/lambda-limits.js";
import type { FunctionConfig } from "../config/types.js";
import type { InvocationObserver } from "./containers/execution-environment.js";
import type { ErrorInfo } from "./containers/platform-types.js";
import { applyCors } from "./cors.js";
import { interpretPayload } from "./response/payload-format.js";
import { isCut, sendFunctionError } from "./response/response-answers.js";
import { responseTooLarge } from "./response/response-meter.js";

export interface BufferedContext {
  cors: FunctionConfig["cors"];
  origin: string | undefined;
  requestId: string;
  traceId: string;
  log: (line: string) => void;
  /** The payload limit; RIE's 6 MiB + 100 bytes unless a test makes it small. */
  maxBytes?: number;
  onDone: InvocationObserver["done"];
}

/** The observer of one invocation behind a BUFFERED URL: it answers `res` once the invocation is over. */
export function respondBuffered(res: http.ServerResponse, ctx: BufferedContext): InvocationObserver {
  const maxBytes = ctx.maxBytes ?? MAX_BUFFERED_RESPONSE_BYTES;
  const parts: Buffer[] = [];
  let size = 0;
  const add = (data: Buffer) => {
    const room = maxBytes + 1 - size;
    if (room <= 0) return;
    const part = data.byteLength > room ? data.subarray(0, room) : data;
    parts.push(part);
    size += part.byteLength;
  };
  let answered = false;
  return {
    head: () => {},
    chunk: add,
    end: () => {
      answered = true;
    },
    buffered: (body) => {
      add(body);
      answered = true;
    },
    done: (error) => {
      const failure = error ?? (size > maxBytes ? responseTooLarge(size, maxBytes) : undefined);
      if (failure && !error) ctx.log(`${ctx.requestId} ${failure.errorType}: ${failure.errorMessage}`);
      // Assumption: an invocation over without an answer (never seen from either runtime) is a failure.
      const outcome = failure ?? (answered ? undefined : noAnswer());
      settle(res, ctx, outcome ? undefined : Buffer.concat(parts, size));
      ctx.onDone(outcome);
    },
  };
}

function noAnswer(): ErrorInfo {
  return { errorType: "Runtime.NoResponse", errorMessage: "the runtime sent no response" };
}

/** Sends the answer: the payload's, or 502 when there is none (or it cannot be read). */
function settle(res: http.ServerResponse, ctx: BufferedContext, payload: Buffer | undefined): void {
  if (isCut(res) || res.headersSent) return;
  const answer = payload && interpretPayload(payload);
  if (!answer || "invalid" in answer) {
    if (answer) ctx.log(`${ctx.requestId} response payload not answerable: ${answer.invalid}`);
    sendFunctionError(res, ctx.cors, ctx.origin);
    return;
  }
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(answer.headers)) {
    // The URL frames the answer itself.
    if (name !== "content-length" && name !== "transfer-encoding" && name !== "connection") {
      headers[name] = value;
    }
  }
  headers["content-length"] = String(answer.body.byteLength);
  headers["x-amzn-requestid"] = ctx.requestId;
  headers["x-amzn-trace-id"] = ctx.traceId;
  // The URL's CORS configuration wins over the function's own headers, as on a streamed answer (cors.ts).
  res.writeHead(answer.status, applyCors(ctx.cors, ctx.origin, headers));
  res.end(answer.body);
}
