/**
 * The function gets its Gemini key as deployed: with only the environment Terraform declares
 * (GEMINI_API_KEY_PARAMETER, no GEMINI_API_KEY) and its role's session, it reads the SecureString
 * through the emulated SSM, which holds the call to the role's policy as terraform/iam.tf writes it.
 * Break the module (no ssm:GetParameter) and the first chat fails as it would deployed.
 */
import { afterEach, expect, it } from "vitest";
import { localFunctionEnvironment } from "../../emulator/config/defaults.js";
import { loadTerraformConfig } from "../../emulator/config/terraform-overlay.js";
import type { StackConfig } from "../../emulator/config/types.js";
import { bearer, viewerHeaders } from "../../emulator/stack/viewer-request.js";
import { copyModule, type ModuleEdit } from "../../terraform/test/test-support/module-fixture.js";
import { chatBody } from "../test-support/chat-client.js";
import { startConfiguredStack, type TestStack, testConfig } from "../test-support/test-stack.js";

const ROLE_SESSION = "arn:aws:sts::123456789012:assumed-role/chatbot-query-execution/chatbot-query";
const PARAMETER = "/chatbot/gemini-api-key";
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function stackFromModule(edits: ModuleEdit[], edit?: (c: StackConfig) => void): Promise<TestStack> {
  const fixture = await copyModule(edits);
  cleanups.push(fixture.remove);
  const config = await loadTerraformConfig({ dir: fixture.dir, base: testConfig() });
  edit?.(config);
  const stack = await startConfiguredStack(config);
  cleanups.push(() => stack.close());
  return stack;
}

async function chat(stack: TestStack): Promise<Response> {
  const tokens = await stack.cognito?.mintTokens("alice");
  const body = JSON.stringify(chatBody("what should I try first?"));
  return fetch(stack.endpoint, {
    method: "POST",
    body,
    headers: viewerHeaders(body, bearer(tokens?.idToken)),
  });
}

it("under ric (npm start's runtime): the function reads its key through SSM with the Terraform environment", async () => {
  const stack = await stackFromModule([], (c) => {
    c.functionUrl.containerRuntime = "ric";
  });
  const env = localFunctionEnvironment(stack.config);
  expect(env.GEMINI_API_KEY).toBeUndefined();
  expect(env.GEMINI_API_KEY_PARAMETER).toBe(PARAMETER);
  expect(env.AWS_ENDPOINT_URL_SSM).toBe(stack.urls.ssm);
  const res = await chat(stack);
  expect(res.status).toBe(200);
  expect(await res.text()).toMatch(/data: \[DONE\]\n\n$/);
  expect(stack.ssm?.calls).toEqual([
    { operation: "GetParameter", caller: ROLE_SESSION, name: PARAMETER, outcome: "ok" },
  ]);
  // The key the stub accepted came from SSM: once per cold start, not again for a warm container.
  expect((await chat(stack)).status).toBe(200);
  expect(stack.ssm?.calls).toHaveLength(1);
}, 120_000);

it("without ssm:GetParameter on the role, the first chat fails as deployed: 500 INTERNAL, the model never called", async () => {
  const stack = await stackFromModule([
    {
      file: "iam.tf",
      find: 'actions   = ["ssm:GetParameter"]',
      replace: 'actions   = ["ssm:DescribeParameters"]',
    },
  ]);
  const res = await chat(stack);
  // The handler reads the key before the stream starts (handler/src/app.ts: getModel), so the SDK's
  // AccessDeniedException is an unknown error: the pinned 500 INTERNAL JSON, no internals in it.
  expect(res.status).toBe(500);
  expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
  const requestId = res.headers.get("x-request-id");
  expect(await res.json()).toEqual({ error: { code: "INTERNAL", message: "Internal error.", requestId } });
  expect(stack.ssm?.calls).toEqual([
    { operation: "GetParameter", caller: ROLE_SESSION, name: PARAMETER, outcome: "AccessDeniedException" },
  ]);
  expect(stack.gemini?.journal.list()).toEqual([]);
  // The function's log names what AWS said, as CloudWatch would show it.
  const logs = stack.logs.join("\n");
  expect(logs).toMatch(/unhandled error/);
  expect(logs).toContain(
    `User: ${ROLE_SESSION} is not authorized to perform: ssm:GetParameter on resource: arn:aws:ssm:us-east-1:123456789012:parameter${PARAMETER} because no identity-based policy allows the ssm:GetParameter action`,
  );
  // A failed read is not cached: the next chat asks SSM again, and fails the same way.
  expect((await chat(stack)).status).toBe(500);
  expect(stack.ssm?.calls).toHaveLength(2);
}, 120_000);
