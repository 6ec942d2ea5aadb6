/**
 * Terraform is the emulator's source of truth: break the module the way a real deployment would be
 * broken, and the local stack fails the same way (issue: Terraform as the emulator's source of truth).
 */
import { afterEach, describe, expect, it } from "vitest";
import { CloudFrontConfigError } from "../../emulator/cloudfront/errors.js";
import { loadTerraformConfig } from "../../emulator/config/terraform-overlay.js";
import { bearer, viewerHeaders } from "../../emulator/stack/viewer-request.js";
import { copyModule, type ModuleEdit } from "../../terraform/test/test-support/module-fixture.js";
import { chatBody } from "../test-support/chat-client.js";
import { startConfiguredStack, type TestStack, testConfig } from "../test-support/test-stack.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function stackFromModule(edits: ModuleEdit[]): Promise<TestStack> {
  const fixture = await copyModule(edits);
  cleanups.push(fixture.remove);
  const config = await loadTerraformConfig({ dir: fixture.dir, base: testConfig() });
  const stack = await startConfiguredStack(config);
  cleanups.push(() => stack.close());
  return stack;
}

async function ask(stack: TestStack): Promise<Response> {
  const tokens = await stack.cognito?.mintTokens("alice");
  const body = JSON.stringify(chatBody("what should I try first?"));
  return fetch(stack.endpoint, {
    method: "POST",
    body,
    headers: viewerHeaders(body, bearer(tokens?.idToken)),
  });
}

describe("Terraform -> emulator links", () => {
  it("the unmodified module runs the chain end to end", async () => {
    const stack = await stackFromModule([]);
    const res = await ask(stack);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/data: \[DONE\]\n\n$/);
  });

  it("without the lambda:InvokeFunction permission, the Function URL refuses CloudFront as AWS would (403)", async () => {
    const stack = await stackFromModule([
      {
        file: "function-url.tf",
        find: 'resource "aws_lambda_permission" "cloudfront_invoke_function" {\n  statement_id  = "AllowCloudFrontInvokeFunction"\n  action        = "lambda:InvokeFunction"\n  function_name = aws_lambda_function.chatbot.function_name\n  principal     = "cloudfront.amazonaws.com"\n  source_arn    = aws_cloudfront_distribution.chatbot.arn\n}\n',
        replace: "",
      },
    ]);
    expect(stack.config.functionUrl.permissions.map((p) => p.action)).toEqual(["lambda:InvokeFunctionUrl"]);
    const res = await ask(stack);
    expect(res.status).toBe(403);
    expect(res.headers.get("x-amzn-errortype")).toBe("AccessDeniedException");
  });

  it('allowed_methods = ["POST","OPTIONS"] (the seed\'s set) stops the emulated CloudFront from starting, quoting the valid sets', async () => {
    const fixture = await copyModule([
      {
        file: "cloudfront.tf",
        find: 'allowed_methods          = ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"]',
        replace: 'allowed_methods = ["POST", "OPTIONS"]',
      },
    ]);
    cleanups.push(fixture.remove);
    const config = await loadTerraformConfig({ dir: fixture.dir, base: testConfig() });
    const start = startConfiguredStack(config, ["cloudfront"]);
    await expect(start).rejects.toBeInstanceOf(CloudFrontConfigError);
    await expect(start).rejects.toThrow(
      "[GET,HEAD], [GET,HEAD,OPTIONS] or [GET,HEAD,OPTIONS,PUT,PATCH,POST,DELETE]",
    );
  });

  it("dropping the CloudFront Function association means the token never arrives: the handler answers 401", async () => {
    const stack = await stackFromModule([
      {
        file: "cloudfront.tf",
        find: '    function_association {\n      event_type   = "viewer-request"\n      function_arn = aws_cloudfront_function.forward_authorization.arn\n    }\n',
        replace: "",
      },
    ]);
    expect(stack.config.cloudfront.viewerRequestFunction).toBeUndefined();
    const res = await ask(stack);
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("TOKEN_MISSING");
  });

  it("the Lambda environment Terraform sets reaches the handler's container (GEMINI_MODEL from lambda.tf)", async () => {
    // Observed from outside: the handler asks the Gemini stub for the model lambda.tf names.
    const stack = await stackFromModule([
      {
        file: "lambda.tf",
        find: "GEMINI_MODEL             = var.gemini_model",
        replace: 'GEMINI_MODEL             = "gemini-3.7-flash"',
      },
    ]);
    const res = await ask(stack);
    expect(res.status).toBe(200);
    await res.text();
    const models = stack.gemini?.journal.list().map((entry) => entry.model);
    expect(models).toEqual(["gemini-3.7-flash"]);
    // Local-only settings are the emulator's, never Terraform's (docs/interfaces.md#handler-environment).
    const env = stack.config.functionUrl.environment;
    expect(env.GEMINI_API_KEY_PARAMETER).toBe("/chatbot/gemini-api-key");
    expect(env.COGNITO_JWKS_URI).toBeUndefined();
    expect(env.GEMINI_BASE_URL).toBeUndefined();
  });
});
