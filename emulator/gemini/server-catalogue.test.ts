/**
 * The catalogue as Google serves it on a given day (catalogue.ts, built from the lifecycle table): a
 * retired or unknown model gets Google's 404, a preview works and is marked in the log, a routed id is
 * answered by its successor, and the listing follows the clock.
 */
import { afterEach, describe, expect, it } from "vitest";
import {
  postRaw,
  type RunningStub,
  STREAM_PATH,
  sseFrames,
  startStub,
  userTurn,
} from "./test-support/stub-client.js";

const pathOf = (model: string) => `/v1beta/models/${model}:streamGenerateContent?alt=sse`;
// Google's answer for a shut-down model: continuedev/continue#11337 (2026-03-12), PixelPlayerHQ/PixelPlayer#193.
const notFound = (model: string, method = "streamGenerateContent") => ({
  error: {
    code: 404,
    message: `models/${model} is not found for API version v1beta, or is not supported for ${method}. Call ListModels to see the list of available models and their supported methods.`,
    status: "NOT_FOUND",
  },
});

let running: RunningStub | undefined;
const logs: string[] = [];
afterEach(async () => {
  await running?.stub.close();
  running = undefined;
  logs.length = 0;
});

async function stub(
  options: { today?: string; retired?: "not-found" | "routed" } = {},
): Promise<RunningStub> {
  const today = options.today ? new Date(`${options.today}T12:00:00Z`) : undefined;
  running = await startStub(options.retired ? { retiredModels: options.retired } : {}, {
    log: (line) => logs.push(line),
    ...(today ? { clock: () => today } : {}),
  });
  return running;
}

describe("models past their end and unknown models", () => {
  it.each(["gemini-2.5-flash", "gemini-2.5-pro", "gemini-2.0-flash", "gemini-1.5-flash", "gemini-9-ultra"])(
    "%s gets Google's 404 NOT_FOUND (the default reading)",
    async (model) => {
      const res = await postRaw(await stub(), pathOf(model), userTurn("hi"));
      expect(res.status).toBe(404);
      expect(res.contentType).toMatch(/^application\/json/);
      expect(JSON.parse(res.text)).toEqual(notFound(model));
    },
  );

  it("logs a retired model as shut down, with the date, and an unknown one plainly", async () => {
    const s = await stub();
    await postRaw(s, pathOf("gemini-2.5-flash"), userTurn("hi"));
    await postRaw(s, pathOf("gemini-9-ultra"), userTurn("hi"));
    await expect.poll(() => logs.length).toBe(2);
    expect(logs[0]).toMatch(
      / 404 scenario=default \d+ms model shut down 2026-12-01 \(404 as Google answers\)$/,
    );
    expect(logs[1]).toMatch(/ 404 scenario=default \d+ms$/);
  });

  it("answers gemini-2.5-flash until its shutdown day, then 404 (the stub knows the date)", async () => {
    expect(
      (await postRaw(await stub({ today: "2026-11-30" }), pathOf("gemini-2.5-flash"), userTurn("hi"))).status,
    ).toBe(200);
    await running?.stub.close();
    expect(
      (await postRaw(await stub({ today: "2026-12-01" }), pathOf("gemini-2.5-flash"), userTurn("hi"))).status,
    ).toBe(404);
  });

  it("GEMINI_STUB_RETIRED_MODELS=routed: gemini-2.5-flash is answered by gemini-3.5-flash-lite, as Google's notices say", async () => {
    const s = await stub({ retired: "routed" });
    const res = await postRaw(s, pathOf("gemini-2.5-flash"), userTurn("hi"));
    expect(res.status).toBe(200);
    expect(sseFrames(res.text).every((frame) => frame.modelVersion === "gemini-3.5-flash-lite")).toBe(true);
    await expect
      .poll(() => logs.at(-1) ?? "")
      .toMatch(/model routed to gemini-3.5-flash-lite \(as Google routes gemini-2.5-flash\)$/);
    // A model with no successor named still gets the 404 under this reading.
    expect((await postRaw(s, pathOf("gemini-2.0-flash"), userTurn("hi"))).status).toBe(404);
  });

  it("a deprecated id Google already forwards (gemini-3.5-flash) is answered by gemini-3.6-flash in either reading", async () => {
    const res = await postRaw(await stub(), pathOf("gemini-3.5-flash"), userTurn("hi"));
    expect(res.status).toBe(200);
    expect(sseFrames(res.text).at(-1)?.modelVersion).toBe("gemini-3.6-flash");
  });
});

describe("current and preview models", () => {
  it("a preview model answers as itself and the log says it is a preview", async () => {
    const s = await stub();
    const res = await postRaw(s, pathOf("gemini-3.1-pro-preview"), userTurn("hi"));
    expect(res.status).toBe(200);
    expect(sseFrames(res.text).at(-1)?.modelVersion).toBe("gemini-3.1-pro-preview");
    await expect.poll(() => logs.at(-1) ?? "").toMatch(/ 200 scenario=default \d+ms preview model$/);
  });

  it("the default model answers as itself with nothing added to the log line", async () => {
    const s = await stub();
    expect((await postRaw(s, STREAM_PATH, userTurn("hi"))).status).toBe(200);
    await expect.poll(() => logs.at(-1) ?? "").toMatch(/ 200 scenario=default \d+ms$/);
  });

  it("lists the models served as themselves on the stub's day, and 404s a retired one by name", async () => {
    const s = await stub({ today: "2027-05-08" });
    const list = await fetch(`${s.url}/v1beta/models`, { headers: { "x-goog-api-key": s.apiKey } });
    const names = ((await list.json()) as { models: { name: string }[] }).models.map((m) => m.name);
    expect(names).toContain("models/gemini-3.8-flash");
    expect(names).toContain("models/gemini-3.1-pro-preview");
    // Shut down on 2027-05-07 (listed date), and the 2.5 models on 2026-12-01.
    expect(names).not.toContain("models/gemini-3.1-flash-lite");
    expect(names).not.toContain("models/gemini-2.5-flash");
    const get = await fetch(`${s.url}/v1beta/models/gemini-2.5-flash`, {
      headers: { "x-goog-api-key": s.apiKey },
    });
    expect(get.status).toBe(404);
    expect(await get.json()).toEqual(notFound("gemini-2.5-flash", "get"));
  });
});
