/**
 * Fixture handlers for the Function URL tests, written the way a real function uses the managed
 * runtime's `awslambda` global. One module, routed by path, so module state (the warm/cold counter)
 * is shared like it is in a real container. TypeScript on purpose: it proves the dev path loads .ts.
 */
import type { Writable } from "node:stream";

interface ResponseStream extends Writable {
  setContentType(type: string): void;
}
declare const awslambda: {
  streamifyResponse(
    fn: (event: UrlEvent, stream: ResponseStream, context: Context) => Promise<unknown>,
  ): unknown;
  HttpResponseStream: { from(stream: ResponseStream, prelude: Record<string, unknown>): ResponseStream };
};
interface UrlEvent {
  rawPath: string;
  queryStringParameters?: Record<string, string>;
  [key: string]: unknown;
}
interface Context {
  awsRequestId: string;
  functionName: string;
  memoryLimitInMB: string;
  invokedFunctionArn: string;
  getRemainingTimeInMillis(): number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const containerId = Math.random().toString(36).slice(2);
let invocations = 0;

function json(stream: ResponseStream, body: unknown, statusCode = 200): void {
  const out = awslambda.HttpResponseStream.from(stream, {
    statusCode,
    headers: { "content-type": "application/json" },
  });
  // write() then end(): end(data) alone would skip the prelude hook, as in the real runtime.
  out.write(JSON.stringify(body));
  out.end();
}

export const handler = awslambda.streamifyResponse(async (event, stream, context) => {
  invocations++;
  const q = event.queryStringParameters ?? {};
  switch (event.rawPath) {
    case "/echo":
      json(stream, {
        event,
        context: {
          awsRequestId: context.awsRequestId,
          functionName: context.functionName,
          memoryLimitInMB: context.memoryLimitInMB,
          invokedFunctionArn: context.invokedFunctionArn,
          remainingMs: context.getRemainingTimeInMillis(),
        },
      });
      return;
    case "/env":
      json(stream, { env: { ...process.env } });
      return;
    case "/counter":
      json(stream, { containerId, invocations });
      return;
    case "/paced": {
      const count = Number(q.count ?? 3);
      const delay = Number(q.delay ?? 200);
      const out = awslambda.HttpResponseStream.from(stream, {
        statusCode: 201,
        headers: {
          "content-type": "text/event-stream; charset=utf-8",
          "x-custom": "yes",
          // The URL's CORS configuration must win over this.
          "access-control-allow-origin": "http://evil.example",
        },
        cookies: ["a=1; Path=/", "b=2; Path=/"],
      });
      for (let i = 0; i < count; i++) {
        if (i > 0) await sleep(delay);
        out.write(`data: ${i}\n\n`);
      }
      out.end();
      return;
    }
    case "/end-only": {
      const out = awslambda.HttpResponseStream.from(stream, {
        statusCode: 200,
        headers: { "content-type": "text/plain" },
      });
      out.end("body without a prelude");
      return;
    }
    case "/plain":
      stream.setContentType("text/plain");
      stream.write("plain ");
      stream.end("text");
      return;
    case "/throw-before-write":
      throw new Error("failed before writing");
    case "/throw-after-write": {
      const out = awslambda.HttpResponseStream.from(stream, {
        statusCode: 200,
        headers: { "content-type": "text/plain" },
      });
      out.write("partial ");
      await sleep(50);
      throw new Error("failed after writing");
    }
    case "/returns-without-ending": {
      const out = awslambda.HttpResponseStream.from(stream, {
        statusCode: 200,
        headers: { "content-type": "text/plain" },
      });
      out.write("started but never ended");
      return;
    }
    case "/returns-value":
      json(stream, { ok: true });
      return "ignored";
    case "/slow":
      await sleep(60_000);
      json(stream, { late: true });
      return;
    case "/crash":
      // A process-level throw: nothing catches it, so the container dies, as the runtime process would.
      setTimeout(() => {
        throw new Error("process-level crash");
      }, 10);
      await sleep(5_000);
      return;
    case "/hold": {
      // Holds a container for `ms`, for concurrency tests.
      await sleep(Number(q.ms ?? 500));
      json(stream, { containerId });
      return;
    }
    default:
      json(stream, { error: "no such fixture" }, 404);
  }
});
