import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SecretRecorder } from "./secrets.js";

const fakeJwt = () =>
  [randomBytes(20), randomBytes(120), randomBytes(256)].map((b) => b.toString("base64url")).join(".");

describe("SecretRecorder", () => {
  it("finds a registered token's payload or signature in a recorded text, and names no secret value", () => {
    const key = `key-${randomBytes(8).toString("hex")}`;
    const token = fakeJwt();
    const recorder = new SecretRecorder(key);
    recorder.addAuthorizationValue(`Bearer ${token}`);
    const [, payload, signature] = token.split(".");
    recorder.record("clean", '{"error":{"code":"TOKEN_INVALID"}}');
    recorder.record("leaks payload", `user said ${payload}`);
    recorder.record("leaks signature", `sig=${signature}`);
    recorder.record("leaks key", `x-goog-api-key: ${key}`);
    const { hits } = recorder.scan();
    expect(hits).toEqual([
      { where: "leaks payload", secret: "token" },
      { where: "leaks signature", secret: "token" },
      { where: "leaks key", secret: "gemini-api-key" },
    ]);
    expect(JSON.stringify(hits)).not.toContain(key);
  });

  it("scans extra texts such as log lines on their own", () => {
    const token = fakeJwt();
    const recorder = new SecretRecorder("local-key-x");
    recorder.addToken(token);
    recorder.record("response", token);
    const { hits } = recorder.scanTexts([{ where: "log 0", text: `verify ${token.split(".")[2]}` }]);
    expect(hits).toEqual([{ where: "log 0", secret: "token" }]);
  });

  it("ignores segments too short to be distinctive (e.g. a two-letter garbage token)", () => {
    const recorder = new SecretRecorder();
    recorder.addToken("a.b.c");
    recorder.record("body", "a.b.c appears here");
    expect(recorder.scan().hits).toEqual([]);
  });
});
