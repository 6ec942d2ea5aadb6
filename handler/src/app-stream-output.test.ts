/** What the SSE stream carries besides the model's text: keep-alive comments and the spoiler guard. */
import { expect, it } from "vitest";
import { appHarnessForFile } from "./test-support/app-suite.js";
import { chatEvent, chunksOf, invoke } from "./test-support/harness.js";

const h = appHarnessForFile();

it("sends `: keep-alive` comments padded to KEEPALIVE_PAD_BYTES while the model is silent (KEEPALIVE_MS)", async () => {
  h.stub.scenario = { pieces: ["late"], delayMs: 350 };
  const result = await invoke(h.build({ KEEPALIVE_MS: "100" }), chatEvent(h.idp.mint()));
  expect(result.statusCode).toBe(200);
  const first = result.body.slice(0, result.body.indexOf("\n\n") + 2);
  expect(first).toMatch(/^: keep-alive *\n\n$/);
  expect(Buffer.byteLength(first)).toBe(16_384);
  expect(result.body.endsWith('data: {"chunk":"late"}\n\ndata: [DONE]\n\n')).toBe(true);

  const plain = await invoke(
    h.build({ KEEPALIVE_MS: "100", KEEPALIVE_PAD_BYTES: "0" }),
    chatEvent(h.idp.mint()),
  );
  expect(plain.body.startsWith(": keep-alive\n\n")).toBe(true);
});

it("replaces a long code block with a notice (spoiler guard) and passes prose through", async () => {
  const code = Array.from({ length: 20 }, (_, i) => `line ${i}\n`).join("");
  h.stub.scenario = {
    pieces: ["Try this:\n``", `\`python\n${code.slice(0, 30)}`, `${code.slice(30)}\`\`\`\nGood luck`],
  };
  const result = await invoke(h.build({ SPOILER_MAX_CODE_LINES: "5" }), chatEvent(h.idp.mint()));
  const text = chunksOf(result.body).join("");
  expect(text).toContain("Try this:\n");
  expect(text).toContain("[Code withheld:");
  expect(text).not.toContain("line 7");
  expect(text.endsWith("Good luck")).toBe(true);
});
