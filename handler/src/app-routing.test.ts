/** Paths and methods other than POST to the chat route. */
import { describe, expect, it } from "vitest";
import { appHarnessForFile, expectError } from "./test-support/app-suite.js";
import { chatEvent, invoke } from "./test-support/harness.js";

const h = appHarnessForFile();

describe("routing", () => {
  it("answers 404 NOT_FOUND for another path", async () => {
    const result = await invoke(h.build(), chatEvent(h.idp.mint(), {}, { path: "/admin" }));
    expectError(result, 404, "NOT_FOUND", "No route for /admin.");
  });

  it("answers 405 METHOD_NOT_ALLOWED with Allow: POST for another method", async () => {
    const result = await invoke(h.build(), chatEvent(h.idp.mint(), {}, { method: "GET" }));
    expectError(result, 405, "METHOD_NOT_ALLOWED", "Method GET is not allowed; use POST.");
    expect(result.headers.allow).toBe("POST");
  });
});
