import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../config/defaults.js";
import type { LocalPrincipal } from "../../config/types.js";
import { credentialStoreFromConfig, PrincipalConfigError } from "./credential-store.js";

const principal = (over: Partial<LocalPrincipal> = {}): LocalPrincipal => ({
  accessKeyId: "AKIALOCALALICE000001",
  secretAccessKey: "alice-secret-generated-for-this-test-0001",
  arn: "arn:aws:iam::123456789012:user/alice",
  policies: [{ Effect: "Allow", Action: "lambda:InvokeFunctionUrl", Resource: "*" }],
  ...over,
});

function storeWith(...principals: LocalPrincipal[]) {
  const config = defaultConfig();
  config.functionUrl.principals = principals;
  return credentialStoreFromConfig(config);
}

describe("functionUrl.principals (local IAM principals with identity policies)", () => {
  it("adds each principal with its account from the ARN and its policies", () => {
    const found = storeWith(principal()).find("AKIALOCALALICE000001");
    expect(found).toMatchObject({
      principal: "arn:aws:iam::123456789012:user/alice",
      accountId: "123456789012",
      identityPolicies: [{ Effect: "Allow" }],
    });
    expect(found?.userId).toMatch(/^AIDA[0-9A-F]{17}$/);
  });

  it("refuses a statement key it does not emulate instead of ignoring it (never kinder than IAM)", () => {
    const withCondition = principal({
      policies: [{ Effect: "Allow", Action: "lambda:*", Resource: "*", Condition: {} } as never],
    });
    expect(() => storeWith(withCondition)).toThrow(
      new PrincipalConfigError(
        "functionUrl.principals[0].policies[0]: Condition not emulated (only Effect, Action, Resource, Sid)",
      ),
    );
  });

  it("refuses an ARN that is not an IAM or STS ARN, naming the field", () => {
    expect(() => storeWith(principal({ arn: "alice" }))).toThrow(
      'functionUrl.principals[0].arn must be an IAM or STS ARN, got "alice"',
    );
  });

  it("refuses an access key used twice", () => {
    expect(() => storeWith(principal(), principal({ arn: "arn:aws:iam::123456789012:user/bob" }))).toThrow(
      "access key AKIALOCALALICE000001 is configured twice",
    );
  });
});
