/** Internal failures and the one log line per request. */
import { describe, expect, it } from "vitest";
import { appHarnessForFile, expectError } from "./test-support/app-suite.js";
import { chatEvent, invoke } from "./test-support/harness.js";

const h = appHarnessForFile();

describe("failures and logs", () => {
  it("500 INTERNAL with no internals when the API key cannot be read from SSM", async () => {
    const handler = h.build({
      GEMINI_API_KEY: undefined,
      GEMINI_API_KEY_PARAMETER: "/chatbot/key",
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
      AWS_SECRET_ACCESS_KEY: "secret",
      AWS_ENDPOINT_URL_SSM: "http://127.0.0.1:9",
    });
    const result = await invoke(handler, chatEvent(h.idp.mint()));
    expectError(result, 500, "INTERNAL", "Internal error.");
    // The exception (redacted, app-logs.test.ts), then one line for the request naming the error class.
    expect(h.logs).toHaveLength(2);
    expect(JSON.parse(h.logs[0] ?? "{}")).toMatchObject({ level: "ERROR", message: "unhandled error" });
    const line = JSON.parse(h.logs[1] ?? "{}");
    expect(line).toMatchObject({ level: "ERROR", outcome: "INTERNAL", status: 500, chunks: 0 });
    expect(line.error).toMatch(/^\w+$/);
    expect(h.logs[1]).not.toContain("/chatbot/key");
  });

  it("logs one JSON line per request without token, key, query or code", async () => {
    const token = h.idp.mint();
    const query = "my secret question text";
    const userCode = "int secretCode = 42;";
    const result = await invoke(h.build(), chatEvent(token, { query, userCode }));
    expect(h.logs).toHaveLength(1);
    const line = JSON.parse(h.logs[0] ?? "{}");
    expect(line).toMatchObject({
      message: "request",
      requestId: result.headers["x-request-id"],
      sub: "0a8e3c1e-5d7b-4a7e-9f51-3c1d2b6a9e01",
      outcome: "OK",
      status: 200,
      chunks: 2,
    });
    expect(typeof line.latencyMs).toBe("number");
    for (const secret of [token, h.stub.apiKey, query, userCode]) expect(h.logs[0]).not.toContain(secret);
  });

  it("logs the error code as the outcome", async () => {
    await invoke(h.build(), chatEvent(undefined));
    expect(JSON.parse(h.logs[0] ?? "{}")).toMatchObject({ outcome: "TOKEN_MISSING", status: 401, chunks: 0 });
  });
});
