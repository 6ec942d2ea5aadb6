import { describe, expect, it } from "vitest";
import { startStubForFile } from "./test-support/shared-stub.js";
import { GENERATE_PATH, postRaw, STREAM_PATH, userTurn } from "./test-support/stub-client.js";

const running = startStubForFile();

describe("errors in Google's form", () => {
  it("answers a wrong key with 400 INVALID_ARGUMENT / API_KEY_INVALID, not 401 (platform-facts: Gemini errors)", async () => {
    const res = await postRaw(running, STREAM_PATH, userTurn("hi"), { "x-goog-api-key": "wrong-key" });
    expect(res.status).toBe(400);
    expect(res.contentType).toMatch(/^application\/json/);
    const { error } = JSON.parse(res.text);
    expect(error).toMatchObject({
      code: 400,
      message: "API key not valid. Please pass a valid API key.",
      status: "INVALID_ARGUMENT",
    });
    expect(error.details[0]).toMatchObject({
      "@type": "type.googleapis.com/google.rpc.ErrorInfo",
      reason: "API_KEY_INVALID",
      domain: "googleapis.com",
    });
  });

  it.each([
    ["no key header or parameter", {}, STREAM_PATH],
    ["an empty key header", { "x-goog-api-key": "" }, STREAM_PATH],
    ["no key on ListModels", {}, "/v1beta/models"],
  ])(
    "answers %s with 403 PERMISSION_DENIED 'unregistered callers' (recorded: PublicAffairs/openai-gemini#92)",
    async (_, headers, path) => {
      const res =
        path === STREAM_PATH
          ? await postRaw(running, path, userTurn("hi"), headers)
          : await fetch(`${running.url}${path}`).then(async (r) => ({
              status: r.status,
              contentType: r.headers.get("content-type") ?? "",
              text: await r.text(),
            }));
      expect(res.status).toBe(403);
      expect(res.contentType).toMatch(/^application\/json/);
      expect(JSON.parse(res.text)).toEqual({
        error: {
          code: 403,
          message:
            "Method doesn't allow unregistered callers (callers without established identity). " +
            "Please use API Key or other form of API consumer identity to call this API.",
          status: "PERMISSION_DENIED",
        },
      });
    },
  );

  it("answers an unknown model with 404 NOT_FOUND", async () => {
    const res = await postRaw(running, "/v1beta/models/gemini-9-ultra:generateContent", userTurn("hi"));
    expect(res.status).toBe(404);
    const { error } = JSON.parse(res.text);
    expect(error.status).toBe("NOT_FOUND");
    expect(error.message).toContain("models/gemini-9-ultra is not found for API version v1beta");
  });

  it("answers a request without contents with 400 INVALID_ARGUMENT", async () => {
    const res = await postRaw(running, GENERATE_PATH, { contents: [] });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).error.message).toContain("contents is not specified");
    const bad = await postRaw(running, GENERATE_PATH, "{not json");
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text).error.status).toBe("INVALID_ARGUMENT");
  });
});
