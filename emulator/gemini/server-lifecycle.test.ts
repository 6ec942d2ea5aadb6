import { Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../config/defaults.js";
import { createGeminiServer } from "./server.js";
import { STREAM_PATH, startStub, userTurn } from "./test-support/stub-client.js";

describe("lifecycle", () => {
  it("close() ends a stalled stream at once instead of waiting out its timer", async () => {
    const own = await startStub();
    const response = await fetch(`${own.url}${STREAM_PATH}`, {
      method: "POST",
      headers: { "x-goog-api-key": own.apiKey },
      body: JSON.stringify(userTurn("[[stub:stall-mid-stream ms=600000]] hi")),
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    const started = Date.now();
    await own.stub.close();
    await expect(
      (async () => {
        for (;;) if ((await reader.read()).done) return;
      })(),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("listen() reports the ephemeral port and close() frees it", async () => {
    const stub = createGeminiServer({ config: defaultConfig().gemini });
    const { port, url } = await stub.listen(0, "127.0.0.1");
    expect(url).toBe(`http://127.0.0.1:${port}`);
    await stub.close();
    const refused = await new Promise<boolean>((resolve) => {
      const socket = new Socket();
      socket.once("error", () => resolve(true));
      socket.connect(port, "127.0.0.1", () => {
        socket.destroy();
        resolve(false);
      });
    });
    expect(refused).toBe(true);
  });
});
