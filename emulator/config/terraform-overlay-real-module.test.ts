import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MODULE_DIR } from "../../terraform/test/test-support/module-fixture.js";
import { defaultConfig, distributionArn } from "./defaults.js";
import { load } from "./test-support/terraform-module.js";

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
    expect(functionUrl.runtime).toBe("nodejs24.x");
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
