import { describe, expect, it } from "vitest";
import {
  HANDLER_STREAMING,
  HttpResponseStream,
  isStreamingHandler,
  LambdaResponseStream,
  METADATA_PRELUDE_CONTENT_TYPE,
  type ResponseSink,
  streamifyResponse,
} from "./awslambda.js";

function recordingSink() {
  const log: { heads: string[]; chunks: Buffer[]; ended: boolean } = { heads: [], chunks: [], ended: false };
  const sink: ResponseSink = {
    head: (t) => log.heads.push(t),
    chunk: (c) => log.chunks.push(Buffer.from(c)),
    end: () => {
      log.ended = true;
    },
  };
  return { log, sink };
}

const finished = (s: LambdaResponseStream) => new Promise((resolve) => s.on("finish", resolve));

describe("awslambda shim (aws-lambda-nodejs-runtime-interface-client)", () => {
  it("HttpResponseStream.from sets the integration content type, then emits JSON prelude + 8 NUL bytes on the first write", async () => {
    const { log, sink } = recordingSink();
    const stream = HttpResponseStream.from(new LambdaResponseStream(sink), {
      statusCode: 201,
      headers: { "x-a": "1" },
    });
    stream.write("body");
    stream.end();
    await finished(stream);
    expect(log.heads).toEqual([METADATA_PRELUDE_CONTENT_TYPE]);
    expect(log.chunks.map((c) => c.toString("hex"))).toEqual([
      Buffer.from('{"statusCode":201,"headers":{"x-a":"1"}}').toString("hex"),
      "0000000000000000",
      Buffer.from("body").toString("hex"),
    ]);
    expect(log.ended).toBe(true);
  });

  it("the default content type is application/octet-stream and is fixed after the first write", () => {
    const { log, sink } = recordingSink();
    const stream = new LambdaResponseStream(sink);
    stream.write("x");
    expect(log.heads).toEqual(["application/octet-stream"]);
    expect(() => stream.setContentType("text/plain")).toThrow("Cannot set content-type, too late.");
  });

  it("JSON-serialises a chunk that is neither a string nor bytes, like the runtime", async () => {
    const { log, sink } = recordingSink();
    const stream = new LambdaResponseStream(sink);
    stream.write({ a: 1 });
    stream.end();
    await finished(stream);
    expect(Buffer.concat(log.chunks).toString()).toBe('{"a":1}');
  });

  it("end(data) as the first call skips the prelude hook, as Node's end() does in the real runtime", async () => {
    const { log, sink } = recordingSink();
    const stream = HttpResponseStream.from(new LambdaResponseStream(sink), { statusCode: 200 });
    stream.end("only");
    await finished(stream);
    expect(Buffer.concat(log.chunks).toString()).toBe("only");
  });

  it("streamifyResponse marks the handler with the runtime's symbol", () => {
    const handler = streamifyResponse(async () => undefined);
    expect((handler as unknown as Record<symbol, unknown>)[HANDLER_STREAMING]).toBe("response");
    expect(isStreamingHandler(handler)).toBe(true);
    expect(isStreamingHandler(async () => undefined)).toBe(false);
  });

  it("refuses a streaming mark other than 'response' (Runtime.MalformedStreamingHandler)", () => {
    const handler = Object.assign(async () => undefined, { [HANDLER_STREAMING]: "other" });
    expect(() => isStreamingHandler(handler)).toThrow("Only response streaming is supported.");
  });
});
