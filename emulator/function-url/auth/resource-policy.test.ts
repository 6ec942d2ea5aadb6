import { describe, expect, it } from "vitest";
import { defaultConfig, distributionArn } from "../../config/defaults.js";
import { arnLike, evaluateResourcePolicy } from "./resource-policy.js";

const config = defaultConfig();
const cloudfront = {
  principal: "cloudfront.amazonaws.com",
  accountId: config.accountId,
  sourceArn: distributionArn(config),
};

describe("resource policy (platform-facts: who may call a Function URL)", () => {
  it("allows the CloudFront principal from the configured distribution with both actions", () => {
    const d = evaluateResourcePolicy(config.functionUrl.permissions, cloudfront, "AWS_IAM");
    expect(d).toEqual({
      allowed: true,
      missing: [],
      matchedStatements: ["AllowCloudFrontInvokeFunctionUrl", "AllowCloudFrontInvokeFunction"],
    });
  });

  it("since October 2025 needs lambda:InvokeFunction as well as lambda:InvokeFunctionUrl", () => {
    const onlyUrl = config.functionUrl.permissions.filter((p) => p.action === "lambda:InvokeFunctionUrl");
    expect(evaluateResourcePolicy(onlyUrl, cloudfront, "AWS_IAM").missing).toEqual(["lambda:InvokeFunction"]);
  });

  it("refuses another distribution (AWS:SourceArn condition) and another principal", () => {
    const other = { ...cloudfront, sourceArn: "arn:aws:cloudfront::123456789012:distribution/EOTHER" };
    expect(evaluateResourcePolicy(config.functionUrl.permissions, other, "AWS_IAM").allowed).toBe(false);
    const user = { principal: "arn:aws:iam::123456789012:user/intruder", accountId: "123456789012" };
    expect(evaluateResourcePolicy(config.functionUrl.permissions, user, "AWS_IAM").allowed).toBe(false);
  });

  it("honours the lambda:FunctionUrlAuthType condition", () => {
    expect(evaluateResourcePolicy(config.functionUrl.permissions, cloudfront, "NONE").missing).toEqual([
      "lambda:InvokeFunctionUrl",
    ]);
  });

  it("lets an account principal cover that account's IAM identities, never a service principal", () => {
    const perms = [{ statementId: "a", action: "lambda:*" as const, principal: "123456789012" }];
    const user = { principal: "arn:aws:iam::123456789012:user/dev", accountId: "123456789012" };
    expect(evaluateResourcePolicy(perms, user, "AWS_IAM").allowed).toBe(true);
    expect(evaluateResourcePolicy(perms, cloudfront, "AWS_IAM").allowed).toBe(false);
  });

  it("ArnLike matches * and ? wildcards", () => {
    expect(arnLike("arn:aws:cloudfront::*:distribution/E?", "arn:aws:cloudfront::1:distribution/E1")).toBe(
      true,
    );
    expect(arnLike("arn:aws:cloudfront::1:distribution/E1", "arn:aws:cloudfront::1:distribution/E12")).toBe(
      false,
    );
  });
});
