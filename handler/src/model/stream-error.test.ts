/**
 * An error frame inside a 200 stream, `data: {"error":{"code","message","status"}}`
 * (docs/platform-facts.md#gemini-errors), through the real SDK and the handler's adapter: `@google/genai`
 * raises ApiError itself (`throwIfStreamErrorChunk`).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HandlerError } from "../errors.js";
import { createGenaiModel } from "./genai.js";
import type { TextModel } from "./types.js";

const frame = (json: unknown) => `data: ${JSON.stringify(json)}\r\n\r\n`;
const text = (t: string) =>
  frame({ candidates: [{ content: { parts: [{ text: t }], role: "model" }, index: 0 }] });

let server: Server;
let baseUrl = "";
/** The error frame the next request ends with. */
let errorFrame: { code: number; message: string; status: string } = { code: 503, message: "", status: "" };

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(text("Think about "));
      res.write(text("the loop bounds."));
      res.end(frame({ error: errorFrame }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const prompt = { systemInstruction: "tutor", contents: [{ role: "user" as const, parts: [{ text: "hi" }] }] };
const make = (): TextModel =>
  createGenaiModel({
    apiKey: "k",
    model: "gemini-3.8-flash",
    baseUrl,
    maxOutputTokens: 4096,
    thinkingLevel: "low",
  });

async function drain(model: TextModel): Promise<{ pieces: string[]; error: HandlerError | undefined }> {
  const pieces: string[] = [];
  try {
    for await (const piece of model.streamText(prompt, new AbortController().signal)) pieces.push(piece);
  } catch (error) {
    return { pieces, error: error as HandlerError };
  }
  return { pieces, error: undefined };
}

describe("an error frame mid-stream through @google/genai", () => {
  it.each([
    [503, "UNAVAILABLE", 503, "UPSTREAM_UNAVAILABLE"],
    [429, "RESOURCE_EXHAUSTED", 429, "UPSTREAM_RATE_LIMITED"],
    [500, "INTERNAL", 502, "UPSTREAM_ERROR"],
  ])(
    "code %i %s: the text before it, then a %i %s (never a complete answer)",
    async (code, status, httpStatus, pinned) => {
      errorFrame = { code, message: "The model is overloaded. Please try again later.", status };
      const { pieces, error } = await drain(make());
      expect(pieces).toEqual(["Think about ", "the loop bounds."]);
      expect(error?.code).toBe(pinned);
      expect(error?.status).toBe(httpStatus);
    },
  );
});
