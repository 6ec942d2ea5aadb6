/**
 * A small Gemini API stub for tests, speaking the real wire format
 * (docs/platform-facts.md#gemini-wire-format): POST /v1beta/models/{model}:streamGenerateContent?alt=sse with
 * `x-goog-api-key`, answered as SSE frames `data: <one-line JSON>\r\n\r\n` with `role: "model"`, the last one
 * `finishReason`; errors as JSON `{"error":{"code","message","status","details"}}`.
 *
 * Kept apart from the Gemini emulator (emulator/gemini/) on purpose: the handler ships and is tested on
 * its own, so its tests import nothing from emulator/ and script this small stub in-process instead
 * (pieces, errors, hang, cut, abort count). The chain tests run the handler against the emulator.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface StubScenario {
  /** Text pieces, one SSE frame each. */
  pieces?: string[];
  /** Finish reason on the last frame (default STOP). */
  finishReason?: string;
  /** Answer with only `promptFeedback.blockReason`. */
  blockReason?: string;
  /** Milliseconds before each frame. */
  delayMs?: number;
  /** An HTTP error instead of a stream. */
  error?: { status: number; statusText: string; message: string; details?: unknown[] };
  /** After the pieces: keep the connection open and send nothing more. */
  thenHang?: boolean;
  /** After the pieces: cut the connection. */
  thenDestroy?: boolean;
  /** The `modelVersion` the frames carry (default: the model in the path, as Google answers). */
  modelVersion?: string;
  /** Send the last piece without a finish reason, then end the stream normally. */
  noFinishReason?: boolean;
}

export interface RecordedRequest {
  path: string;
  apiKey: string | undefined;
  body: {
    contents?: Array<{ role: string; parts: Array<{ text: string }> }>;
    systemInstruction?: { parts?: Array<{ text: string }> };
    generationConfig?: {
      maxOutputTokens?: number;
      thinkingConfig?: { thinkingLevel?: string; thinkingBudget?: number };
    };
  };
}

export class GeminiStub {
  readonly apiKey = `test-key-${Math.random().toString(36).slice(2)}`;
  scenario: StubScenario = { pieces: ["Hello"] };
  readonly requests: RecordedRequest[] = [];
  /** Requests whose connection the client closed before the stub finished. */
  abortedRequests = 0;
  baseUrl = "";
  private server: Server | undefined;
  private readonly open = new Set<ServerResponse>();

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const res of this.open) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", "http://stub");
    const apiKey = req.headers["x-goog-api-key"] as string | undefined;
    this.requests.push({
      path: url.pathname + url.search,
      apiKey,
      body: JSON.parse(Buffer.concat(chunks).toString() || "{}"),
    });

    const model = /^\/v1beta\/models\/([^/:]+):streamGenerateContent$/.exec(url.pathname)?.[1];
    if (!model || url.searchParams.get("alt") !== "sse") {
      return this.error(res, { status: 404, statusText: "NOT_FOUND", message: "Not found" });
    }
    // No key at all: Google's 403 PERMISSION_DENIED; a wrong one: 400 API_KEY_INVALID
    // (docs/platform-facts.md#gemini-errors).
    if (apiKey === undefined || apiKey === "") {
      return this.error(res, {
        status: 403,
        statusText: "PERMISSION_DENIED",
        message:
          "Method doesn't allow unregistered callers (callers without established identity). " +
          "Please use API Key or other form of API consumer identity to call this API.",
      });
    }
    if (apiKey !== this.apiKey) {
      return this.error(res, {
        status: 400,
        statusText: "INVALID_ARGUMENT",
        message: "API key not valid. Please pass a valid API key.",
        details: [{ "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "API_KEY_INVALID" }],
      });
    }
    const scenario = this.scenario;
    if (scenario.error) return this.error(res, scenario.error);
    const modelVersion = scenario.modelVersion ?? model;

    this.open.add(res);
    let finished = false;
    res.on("close", () => {
      this.open.delete(res);
      if (!finished) this.abortedRequests++;
    });
    res.writeHead(200, { "content-type": "text/event-stream" });
    const frame = (json: unknown) => res.write(`data: ${JSON.stringify(json)}\r\n\r\n`);
    if (scenario.blockReason) {
      frame({ promptFeedback: { blockReason: scenario.blockReason }, modelVersion });
      finished = true;
      res.end();
      return;
    }
    const pieces = scenario.pieces ?? [];
    for (const [i, text] of pieces.entries()) {
      if (scenario.delayMs) await new Promise((r) => setTimeout(r, scenario.delayMs));
      if (res.destroyed) return;
      const last =
        i === pieces.length - 1 && !scenario.thenHang && !scenario.thenDestroy && !scenario.noFinishReason;
      frame({
        candidates: [
          {
            content: { parts: [{ text }], role: "model" },
            index: 0,
            ...(last ? { finishReason: scenario.finishReason ?? "STOP" } : {}),
          },
        ],
        modelVersion,
      });
    }
    if (scenario.thenHang) return;
    if (scenario.thenDestroy) {
      // Let the frames reach the client first, then cut without a final chunk.
      await new Promise((r) => setTimeout(r, 100));
      res.destroy();
      return;
    }
    finished = true;
    res.end();
  }

  private error(res: ServerResponse, error: NonNullable<StubScenario["error"]>): void {
    res.writeHead(error.status, { "content-type": "application/json; charset=UTF-8" }).end(
      JSON.stringify({
        error: {
          code: error.status,
          message: error.message,
          status: error.statusText,
          details: error.details ?? [],
        },
      }),
    );
  }
}
