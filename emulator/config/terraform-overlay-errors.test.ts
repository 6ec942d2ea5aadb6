import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lineOf } from "../../terraform/test/test-support/module-fixture.js";
import { TerraformNotEmulatedError, TerraformParseError, TerraformValueError } from "../terraform/errors.js";
import { load, moduleFixtures } from "./test-support/terraform-module.js";

const fixture = moduleFixtures();

describe("errors name file and line", () => {
  it("bad HCL is a TerraformParseError at its line", async () => {
    const dir = await fixture([
      { file: "function-url.tf", find: 'invoke_mode        = "RESPONSE_STREAM"', replace: "invoke_mode = " },
    ]);
    const line = await lineOf(dir, "function-url.tf", "invoke_mode = ");
    const error = await load(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TerraformParseError);
    expect((error as TerraformParseError).file).toBe(path.join(dir, "function-url.tf"));
    // The parser reports the expression that is missing, which starts on the next line.
    expect([line, line + 1]).toContain((error as TerraformParseError).line);
    expect((error as Error).message).toMatch(new RegExp(`^${dir}/function-url\\.tf:\\d+: cannot read HCL: `));
  });

  it("an OAC origin type other than lambda is not emulated", async () => {
    const dir = await fixture([
      {
        file: "cloudfront.tf",
        find: 'origin_access_control_origin_type = "lambda"',
        replace: 'origin_access_control_origin_type = "s3"',
      },
    ]);
    const line = await lineOf(dir, "cloudfront.tf", 'origin_access_control_origin_type = "s3"');
    await expect(load(dir)).rejects.toThrow(
      new TerraformNotEmulatedError(
        { file: path.join(dir, "cloudfront.tf"), line },
        "OAC origin type s3 (only lambda)",
      ),
    );
  });

  it("a Lambda in a VPC behind a streaming Function URL is not emulated", async () => {
    const dir = await fixture([
      {
        file: "lambda.tf",
        find: "  # No vpc_config:",
        replace:
          '  vpc_config {\n    subnet_ids         = ["subnet-1"]\n    security_group_ids = ["sg-1"]\n  }\n  #',
      },
    ]);
    const line = await lineOf(dir, "lambda.tf", "vpc_config {");
    const error = await load(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TerraformNotEmulatedError);
    expect((error as TerraformNotEmulatedError).line).toBe(line);
    expect((error as Error).message).toContain("lambda.tf");
  });

  it("WAF switched on is not emulated", async () => {
    const dir = await fixture([]);
    const tfvars = path.join(dir, "waf.tfvars");
    await writeFile(tfvars, "enable_waf = true\n");
    const line = await lineOf(dir, "cloudfront.tf", "web_acl_id");
    await expect(load(dir, tfvars)).rejects.toThrow(
      new TerraformNotEmulatedError(
        { file: path.join(dir, "cloudfront.tf"), line },
        "AWS WAF on the distribution",
      ),
    );
  });

  it("an environment value only AWS knows, with no local stand-in, is an error", async () => {
    const dir = await fixture([
      {
        file: "lambda.tf",
        find: "      LOG_LEVEL                = var.log_level",
        replace: "      LOG_LEVEL = var.log_level\n      ROLE_ID   = data.aws_iam_role.other.unique_id",
      },
    ]);
    const line = await lineOf(dir, "lambda.tf", "ROLE_ID");
    await expect(load(dir)).rejects.toThrow(
      new TerraformValueError(
        { file: path.join(dir, "lambda.tf"), line },
        "environment variable ROLE_ID depends on values only AWS knows and has no local stand-in",
      ),
    );
  });

  it("function code in S3 is refused by name (the emulator runs the zip filename names)", async () => {
    const dir = await fixture([
      {
        file: "lambda.tf",
        find: "  filename         = local.lambda_zip_path\n",
        replace: '  s3_bucket = "artifacts"\n  s3_key    = "chatbot.zip"\n',
      },
    ]);
    const line = await lineOf(dir, "lambda.tf", "s3_bucket");
    await expect(load(dir)).rejects.toThrow(
      new TerraformNotEmulatedError(
        { file: path.join(dir, "lambda.tf"), line },
        "function code in S3 (s3_bucket): point filename at the zip instead",
      ),
    );
  });

  it("Lambda@Edge on an ordered cache behaviour is refused at that behaviour's line", async () => {
    const dir = await fixture([
      {
        file: "cloudfront.tf",
        find: "  default_cache_behavior {",
        replace: [
          "  ordered_cache_behavior {",
          '    path_pattern           = "/edge/*"',
          "    target_origin_id       = local.function_url_origin",
          '    allowed_methods        = ["GET", "HEAD"]',
          '    cached_methods         = ["GET", "HEAD"]',
          '    viewer_protocol_policy = "https-only"',
          "    cache_policy_id        = local.caching_disabled_policy_id",
          "    lambda_function_association {",
          '      event_type = "origin-request"',
          '      lambda_arn = "arn:aws:lambda:us-east-1:123456789012:function:edge:1"',
          "    }",
          "  }",
          "",
          "  default_cache_behavior {",
        ].join("\n"),
      },
    ]);
    const line = await lineOf(dir, "cloudfront.tf", "lambda_function_association");
    await expect(load(dir)).rejects.toThrow(
      new TerraformNotEmulatedError(
        { file: path.join(dir, "cloudfront.tf"), line },
        "Lambda@Edge associations",
      ),
    );
  });
});
