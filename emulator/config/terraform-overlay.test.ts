import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  copyModule,
  lineOf,
  MODULE_DIR,
  type ModuleEdit,
} from "../../terraform/test/test-support/module-fixture.js";
import { TerraformNotEmulatedError, TerraformParseError, TerraformValueError } from "../terraform/errors.js";
import { defaultConfig, distributionArn } from "./defaults.js";
import { loadTerraformConfig } from "./terraform-overlay.js";
import type { StackConfig } from "./types.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function fixture(edits: ModuleEdit[]): Promise<string> {
  const copy = await copyModule(edits);
  cleanups.push(copy.remove);
  return copy.dir;
}

async function load(dir: string, tfvarsFile?: string): Promise<StackConfig> {
  return loadTerraformConfig({ dir, base: defaultConfig(), ...(tfvarsFile ? { tfvarsFile } : {}) });
}

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

describe("the real terraform/ module", () => {
  it("gives the Function URL's auth type, invoke mode and CORS", async () => {
    const { functionUrl } = await load(MODULE_DIR);
    expect(functionUrl.authType).toBe("AWS_IAM");
    expect(functionUrl.invokeMode).toBe("RESPONSE_STREAM");
    // Origins come from terraform/environments/local.tfvars (the playground).
    expect(functionUrl.cors).toEqual({
      allowOrigins: ["http://127.0.0.1:5173", "http://localhost:5173"],
      allowMethods: ["POST"],
      allowHeaders: ["authorization", "content-type", "x-amz-content-sha256", "x-amz-date"],
      exposeHeaders: ["x-request-id"],
      allowCredentials: false,
      maxAge: 300,
    });
  });

  it("gives the Lambda's name, handler, runtime, timeout and memory", async () => {
    const { functionUrl } = await load(MODULE_DIR);
    expect(functionUrl.functionName).toBe("chatbot-query");
    expect(functionUrl.handler).toBe("index.handler");
    expect(functionUrl.runtime).toBe("nodejs22.x");
    expect(functionUrl.timeoutSeconds).toBe(120);
    expect(functionUrl.memoryMb).toBe(512);
  });

  it("gives the pinned environment names, with local stand-ins for the Cognito stack's outputs", async () => {
    const base = defaultConfig();
    const { functionUrl } = await load(MODULE_DIR);
    expect(Object.keys(functionUrl.environment).sort()).toEqual(
      [
        "AUTH_TOKEN_HEADER",
        "COGNITO_CLIENT_ID",
        "COGNITO_USER_POOL_ID",
        "GEMINI_API_KEY_PARAMETER",
        "GEMINI_MODEL",
        "GEMINI_SDK",
        "KEEPALIVE_MS",
        "LOG_LEVEL",
        "MODEL_TIMEOUT_MS",
        "SPOILER_MAX_CODE_LINES",
      ].sort(),
    );
    expect(functionUrl.environment.COGNITO_USER_POOL_ID).toBe(base.cognito.userPoolId);
    expect(functionUrl.environment.COGNITO_CLIENT_ID).toBe(base.cognito.clientId);
    expect(functionUrl.environment.GEMINI_API_KEY_PARAMETER).toBe("/chatbot/gemini-api-key");
    expect(functionUrl.environment.KEEPALIVE_MS).toBe("10000");
  });

  it("gives both CloudFront permissions, conditioned on the local distribution ARN", async () => {
    const config = await load(MODULE_DIR);
    const byAction = Object.fromEntries(config.functionUrl.permissions.map((p) => [p.action, p]));
    expect(byAction["lambda:InvokeFunctionUrl"]).toEqual({
      statementId: "AllowCloudFrontInvokeFunctionUrl",
      action: "lambda:InvokeFunctionUrl",
      principal: "cloudfront.amazonaws.com",
      sourceArn: distributionArn(config),
      functionUrlAuthType: "AWS_IAM",
    });
    expect(byAction["lambda:InvokeFunction"]).toEqual({
      statementId: "AllowCloudFrontInvokeFunction",
      action: "lambda:InvokeFunction",
      principal: "cloudfront.amazonaws.com",
      sourceArn: distributionArn(config),
    });
  });

  it("gives OAC, methods, managed policy ids, read timeout and the viewer-request function file", async () => {
    const { cloudfront } = await load(MODULE_DIR);
    expect(cloudfront.oac).toEqual({
      originType: "lambda",
      signingBehavior: "always",
      signingProtocol: "sigv4",
    });
    expect(cloudfront.allowedMethods).toEqual(["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"]);
    expect(cloudfront.cachedMethods).toEqual(["GET", "HEAD"]);
    expect(cloudfront.cachePolicyId).toBe("4135ea2d-6df8-44a3-9df3-4b5a84be39ad");
    expect(cloudfront.originRequestPolicyId).toBe("b689b0a8-53d0-40ab-baf2-68738e2966ac");
    expect(cloudfront.originReadTimeoutSeconds).toBe(30);
    expect(cloudfront.viewerRequestFunction).toEqual({
      name: "chatbot-forward-authorization",
      file: path.join(MODULE_DIR, "functions/forward-authorization.js"),
      runtime: "cloudfront-js-2.0",
    });
    expect(existsSync(cloudfront.viewerRequestFunction?.file ?? "")).toBe(true);
  });
});

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

describe("variables from tfvars", () => {
  it("a tfvars file sets timeout, keep-alive, origin read timeout and CORS origins", async () => {
    const dir = await fixture([]);
    const tfvars = path.join(dir, "test.tfvars");
    await writeFile(
      tfvars,
      [
        "lambda_timeout_seconds      = 300",
        "keepalive_ms                = 5000",
        "origin_read_timeout_seconds = 45",
        'frontend_origins            = ["https://tutor.example.com"]',
      ].join("\n"),
    );
    const config = await load(dir, tfvars);
    expect(config.functionUrl.timeoutSeconds).toBe(300);
    expect(config.functionUrl.environment.KEEPALIVE_MS).toBe("5000");
    expect(config.cloudfront.originReadTimeoutSeconds).toBe(45);
    expect(config.functionUrl.cors?.allowOrigins).toEqual(["https://tutor.example.com"]);
  });

  it("a pool id given as a variable reaches the Lambda and the local Cognito alike", async () => {
    const dir = await fixture([]);
    const tfvars = path.join(dir, "test.tfvars");
    await writeFile(
      tfvars,
      'cognito_user_pool_id = "eu-west-1_Abc123"\ncognito_user_pool_client_id = "client42"\n',
    );
    const config = await load(dir, tfvars);
    expect(config.functionUrl.environment.COGNITO_USER_POOL_ID).toBe("eu-west-1_Abc123");
    expect(config.cognito.userPoolId).toBe("eu-west-1_Abc123");
    expect(config.cognito.clientId).toBe("client42");
  });

  it("a git-ignored local.tfvars wins over environments/local.tfvars", async () => {
    const dir = await fixture([]);
    await writeFile(path.join(dir, "local.tfvars"), 'frontend_origins = ["http://127.0.0.1:7000"]\n');
    expect((await load(dir)).functionUrl.cors?.allowOrigins).toEqual(["http://127.0.0.1:7000"]);
  });

  it("an undeclared variable in tfvars is an error naming file and line", async () => {
    const dir = await fixture([]);
    const tfvars = path.join(dir, "test.tfvars");
    await writeFile(tfvars, "# comment\nlambda_timout_seconds = 300\n");
    await expect(load(dir, tfvars)).rejects.toThrow(
      new TerraformValueError(
        { file: tfvars, line: 2 },
        'value for undeclared variable "lambda_timout_seconds"',
      ),
    );
  });
});

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
});
