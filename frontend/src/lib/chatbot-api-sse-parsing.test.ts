/** streamChat's SSE parsing: order, comments, [DONE], and any split of the bytes into reads. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { auth, collect, data, request, sseTestServerForFile } from "../test-support/chatbot-api-suite.js";
import { SSE_HEADERS, writeSlowly } from "../test-support/sse-test-server.js";
import { streamChat } from "./chatbotApi.js";

const server = sseTestServerForFile();

describe("streamChat SSE parsing", () => {
  it("delivers chunks in order, ignores keep-alive comments and anything after [DONE]", async () => {
    server.setHandler((_req, res) => {
      res.writeHead(200, SSE_HEADERS);
      void writeSlowly(res, [
        ": keep-alive\n\n",
        data({ chunk: "Hello" }),
        ": keep-alive\n\n",
        data({ chunk: ", how can I help?" }),
        "data: [DONE]\n\n",
        data({ chunk: "ignored" }),
      ]).then(() => res.end());
    });
    const { chunks, onChunk } = collect();
    const result = await streamChat(request, { endpoint: server.url, getAuthHeaders: auth, onChunk });
    expect(chunks).toEqual(["Hello", ", how can I help?"]);
    expect(result.text).toBe("Hello, how can I help?");
  });

  it("parses the same events whatever the byte boundaries of the network reads (property, real HTTP)", async () => {
    await fc.assert(
      fc.asyncProperty(streamScript(), async ({ chunks, bytes, cuts }) => {
        server.setHandler((_req, res) => {
          res.writeHead(200, SSE_HEADERS);
          void writeSlowly(res, splitAt(bytes, cuts), 0).then(() => res.end());
        });
        const seen = collect();
        const result = await streamChat(request, { endpoint: server.url, getAuthHeaders: auth, ...seen });
        expect(seen.chunks).toEqual(chunks);
        expect(result.outcome).toBe("done");
      }),
      { numRuns: 15 },
    );
  });

  it("parses the same events across arbitrary splits, even inside a UTF-8 character (property, exact reads)", async () => {
    await fc.assert(
      fc.asyncProperty(streamScript(), async ({ chunks, bytes, cuts }) => {
        // A Response over a ReadableStream delivers exactly these pieces, one read each.
        const pieces = splitAt(bytes, cuts);
        const fetchPieces: typeof fetch = async () =>
          new Response(
            new ReadableStream<Uint8Array>({
              start(controller) {
                for (const piece of pieces) controller.enqueue(piece);
                controller.close();
              },
            }),
            { status: 200, headers: SSE_HEADERS },
          );
        const seen = collect();
        const result = await streamChat(request, {
          endpoint: "http://127.0.0.1:1/chatbot",
          fetch: fetchPieces,
          getAuthHeaders: auth,
          ...seen,
        });
        expect(seen.chunks).toEqual(chunks);
        expect(result.text).toBe(chunks.join(""));
      }),
      { numRuns: 200 },
    );
  });
});

/** Random chunk texts, rendered as a pinned SSE stream with comments, and random cut points. */
function streamScript() {
  const chunkText = fc.string({ unit: "grapheme", minLength: 1, maxLength: 12 });
  return fc
    .record({
      chunks: fc.array(fc.oneof(chunkText, fc.constantFrom("line\nbreak", "ü✓🚀", '"quoted"\r\n')), {
        minLength: 0,
        maxLength: 8,
      }),
      eol: fc.constantFrom("\n", "\r\n"),
      keepAlives: fc.array(fc.boolean(), { minLength: 9, maxLength: 9 }),
    })
    .chain(({ chunks, eol, keepAlives }) => {
      let text = "";
      chunks.forEach((chunk, i) => {
        if (keepAlives[i]) text += `: keep-alive${eol}${eol}`;
        text += `data: ${JSON.stringify({ chunk })}${eol}${eol}`;
      });
      text += `data: [DONE]${eol}${eol}`;
      const bytes = new TextEncoder().encode(text);
      return fc
        .uniqueArray(fc.integer({ min: 1, max: Math.max(1, bytes.length - 1) }), { maxLength: 12 })
        .map((cuts) => ({ chunks, bytes, cuts: [...cuts].sort((a, b) => a - b) }));
    });
}

function splitAt(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (const cut of cuts) {
    if (cut > start && cut < bytes.length) {
      pieces.push(bytes.slice(start, cut));
      start = cut;
    }
  }
  pieces.push(bytes.slice(start));
  return pieces;
}
