import { describe, expect, it } from "vitest";
import { load, moduleFixtures } from "./test-support/terraform-module.js";

const fixture = moduleFixtures();

const INVOKE_FUNCTION_PERMISSION = `resource "aws_lambda_permission" "cloudfront_invoke_function" {
  statement_id  = "AllowCloudFrontInvokeFunction"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.chatbot.function_name
  principal     = "cloudfront.amazonaws.com"
  source_arn    = aws_cloudfront_distribution.chatbot.arn
}`;

const FUNCTION_ASSOCIATION = `    function_association {
      event_type   = "viewer-request"
      function_arn = aws_cloudfront_function.forward_authorization.arn
    }`;

describe("fixture modules change the emulated stack", () => {
  it("removing the lambda:InvokeFunction permission removes it from functionUrl.permissions", async () => {
    const dir = await fixture([{ file: "function-url.tf", find: INVOKE_FUNCTION_PERMISSION, replace: "" }]);
    const { functionUrl } = await load(dir);
    expect(functionUrl.permissions.map((p) => p.action)).toEqual(["lambda:InvokeFunctionUrl"]);
  });

  it('allowed_methods = ["POST","OPTIONS"] comes through as written (CloudFront refuses it at start)', async () => {
    const dir = await fixture([
      {
        file: "cloudfront.tf",
        find: 'allowed_methods          = ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"]',
        replace: 'allowed_methods          = ["POST", "OPTIONS"]',
      },
    ]);
    expect((await load(dir)).cloudfront.allowedMethods).toEqual(["POST", "OPTIONS"]);
  });

  it("no function association leaves viewerRequestFunction undefined", async () => {
    const dir = await fixture([{ file: "cloudfront.tf", find: FUNCTION_ASSOCIATION, replace: "" }]);
    const { cloudfront } = await load(dir);
    expect(cloudfront.viewerRequestFunction).toBeUndefined();
    expect("viewerRequestFunction" in cloudfront).toBe(false);
  });

  it("no origin_access_control_id leaves oac undefined (origin requests unsigned)", async () => {
    const dir = await fixture([
      {
        file: "cloudfront.tf",
        find: "    origin_access_control_id = aws_cloudfront_origin_access_control.chatbot.id\n",
        replace: "",
      },
    ]);
    expect((await load(dir)).cloudfront.oac).toBeUndefined();
  });

  it("signing_behavior no-override comes through", async () => {
    const dir = await fixture([
      {
        file: "cloudfront.tf",
        find: 'signing_behavior                  = "always"',
        replace: 'signing_behavior = "no-override"',
      },
    ]);
    expect((await load(dir)).cloudfront.oac?.signingBehavior).toBe("no-override");
  });

  it("a managed cache policy looked up by name resolves to its id", async () => {
    const dir = await fixture([
      {
        file: "cloudfront.tf",
        find: "cache_policy_id          = local.caching_disabled_policy_id",
        replace: "cache_policy_id = data.aws_cloudfront_cache_policy.disabled.id",
      },
      {
        file: "cloudfront.tf",
        find: "# CloudFront in front of the Function URL",
        replace:
          'data "aws_cloudfront_cache_policy" "disabled" {\n  name = "Managed-CachingDisabled"\n}\n\n#',
      },
    ]);
    expect((await load(dir)).cloudfront.cachePolicyId).toBe("4135ea2d-6df8-44a3-9df3-4b5a84be39ad");
  });
});
