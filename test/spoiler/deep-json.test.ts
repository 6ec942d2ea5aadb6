/**
 * A deeply nested `problemDetails` through the whole chain (CloudFront, OAC, the Function URL, the real
 * handler): the pinned 400 INVALID_REQUEST naming the field at 10,000 and 100,000 levels, no model
 * call, and no stack trace in any service's log (JSON.parse reads any depth; anything recursive
 * overflowed near 5,000 levels and answered 500 INTERNAL).
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { bearer, viewerHeaders } from "../../emulator/stack/viewer-request.js";
import { startTestStack, type TestStack } from "../test-support/test-stack.js";

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
}, 60_000);

afterAll(async () => {
  await stack?.close();
});

it.each([
  ["objects", 10_000, (d: number) => `${'{"a":'.repeat(d)}1${"}".repeat(d)}`],
  ["arrays", 10_000, (d: number) => `${"[".repeat(d)}${"]".repeat(d)}`],
  ["arrays", 100_000, (d: number) => `${"[".repeat(d)}${"]".repeat(d)}`],
])(
  "problemDetails nested %s %i levels deep: 400 INVALID_REQUEST naming the field",
  async (_, depth, nest) => {
    const tokens = await stack.cognito?.mintTokens("alice");
    const body = `{"query":"q","problemDetails":{"title":"t","description":"d","examples":${nest(depth)}}}`;
    const calls = stack.gemini?.journal.list().length ?? 0;
    const logged = stack.logs.length;
    const res = await fetch(stack.endpoint, {
      method: "POST",
      body,
      headers: viewerHeaders(body, bearer(tokens?.idToken)),
    });
    expect(res.status).toBe(400);
    const error = ((await res.json()) as { error: { code: string; message: string } }).error;
    expect(error).toMatchObject({
      code: "INVALID_REQUEST",
      message: "problemDetails.examples: must not nest deeper than 32 levels",
    });
    expect(stack.gemini?.journal.list().length ?? 0).toBe(calls);
    expect(stack.logs.slice(logged).join("\n")).not.toMatch(/RangeError|Maximum call stack|"stack"/);
  },
);
