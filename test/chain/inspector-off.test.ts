/**
 * The stack with the request inspector turned off (`EMULATOR_INSPECTOR=off`, here `inspector: false`):
 * the services' events reach no listener, a chat is answered as ever, and CloudFront still answers the
 * inspector's paths itself, with 404 INSPECTOR_OFF, instead of passing them to the origin.
 */
import { rmSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type RunningStack, startStack } from "../../emulator/stack/running-stack.js";
import { bearer, viewerHeaders } from "../../emulator/stack/viewer-request.js";
import { chatBody } from "../test-support/chat-client.js";
import { testConfig } from "../test-support/test-stack.js";

let stack: RunningStack;

beforeAll(async () => {
  stack = await startStack(testConfig(), {
    services: ["cognito", "gemini", "ssm", "functionUrl", "cloudfront"],
    inspector: false,
  });
}, 60_000);

afterAll(async () => {
  await stack?.close();
  if (stack) rmSync(stack.config.stateDir, { recursive: true, force: true });
});

it("answers a chat with no listener on the bus, and says on CloudFront that the inspector is off", async () => {
  expect(stack.inspector).toBeUndefined();
  const tokens = await stack.cognito?.mintTokens("alice");
  const body = JSON.stringify(chatBody("How do I start?"));
  const reply = await fetch(stack.endpoint, {
    method: "POST",
    body,
    headers: viewerHeaders(body, bearer(tokens?.idToken)),
  });
  expect(reply.status).toBe(200);
  expect(await reply.text()).toContain("data: [DONE]");

  const inspector = await fetch(new URL("/__emulator/requests", stack.urls.cloudfront));
  expect(inspector.status).toBe(404);
  expect(await inspector.json()).toMatchObject({ error: { code: "INSPECTOR_OFF" } });
});
