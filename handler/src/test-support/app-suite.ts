/**
 * What the app-*.test.ts files share: one harness per test file, reset before each test, and the
 * check of the pinned JSON error body.
 */
import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import { type Harness, startHarness } from "./harness.js";

/**
 * Registers the file's hooks and returns its harness. The object is filled in by `beforeAll`, so
 * read its fields inside tests (or closures they call), never at collection time.
 */
export function appHarnessForFile(): Harness {
  const h = {} as Harness;
  beforeAll(async () => {
    Object.assign(h, await startHarness());
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(() => {
    h.stub.scenario = { pieces: ["Hello", ", how can I help?"] };
    h.stub.requests.length = 0;
    h.logs.length = 0;
    h.idp.available = true;
  });
  return h;
}

export function expectError(
  result: { statusCode: number; headers: Record<string, string>; body: string },
  status: number,
  code: string,
  message: string | RegExp,
) {
  expect(result.statusCode).toBe(status);
  expect(result.headers["content-type"]).toBe("application/json; charset=utf-8");
  const body = JSON.parse(result.body) as { error: { code: string; message: string; requestId: string } };
  expect(body.error.code).toBe(code);
  if (typeof message === "string") expect(body.error.message).toBe(message);
  else expect(body.error.message).toMatch(message);
  expect(body.error.requestId).toBe(result.headers["x-request-id"]);
  expect(body.error.requestId).toMatch(/^[0-9a-f-]{36}$/);
}
