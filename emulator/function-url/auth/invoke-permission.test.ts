import { describe, expect, it } from "vitest";
import type { IamPolicyStatement, LambdaPermission } from "../../config/types.js";
import { evaluateIdentityPolicies, evaluateInvokePermission } from "./invoke-permission.js";

const FN = "arn:aws:lambda:us-east-1:123456789012:function:chatbot-query";
const target = { functionArn: FN, accountId: "123456789012", authType: "AWS_IAM" as const };
const BOTH = ["lambda:InvokeFunctionUrl", "lambda:InvokeFunction"];
const allowBoth: IamPolicyStatement = { Effect: "Allow", Action: BOTH, Resource: FN };
const alice = { principal: "arn:aws:iam::123456789012:user/alice", accountId: "123456789012" };
const stranger = { principal: "arn:aws:iam::210987654321:user/stranger", accountId: "210987654321" };
const resourceFor = (principal: string): LambdaPermission[] => [
  { statementId: "Url", action: "lambda:InvokeFunctionUrl", principal, functionUrlAuthType: "AWS_IAM" },
  { statementId: "Fn", action: "lambda:InvokeFunction", principal },
];

describe("identity-based policies (IAM policy evaluation logic; Lambda guide, urls-auth)", () => {
  it("a same-account principal is allowed by its identity policy alone", () => {
    expect(evaluateInvokePermission([], { ...alice, identityPolicies: [allowBoth] }, target).allowed).toBe(
      true,
    );
  });

  it("a same-account principal is allowed by the resource policy alone", () => {
    const d = evaluateInvokePermission(
      resourceFor(alice.principal),
      { ...alice, identityPolicies: [] },
      target,
    );
    expect(d.allowed).toBe(true);
  });

  it("allowed by neither: refused, naming both actions", () => {
    const d = evaluateInvokePermission([], { ...alice, identityPolicies: [] }, target);
    expect(d).toMatchObject({ allowed: false, missing: BOTH, explicitDeny: false });
  });

  it("needs lambda:InvokeFunction as well in the identity policy (October 2025 rule; assumption: applies here too)", () => {
    const onlyUrl: IamPolicyStatement = { Effect: "Allow", Action: "lambda:InvokeFunctionUrl", Resource: FN };
    const d = evaluateInvokePermission([], { ...alice, identityPolicies: [onlyUrl] }, target);
    expect(d.missing).toEqual(["lambda:InvokeFunction"]);
  });

  it("an explicit Deny in the identity policy wins over the resource policy's Allow", () => {
    const deny: IamPolicyStatement = { Effect: "Deny", Action: "lambda:*", Resource: "*" };
    const d = evaluateInvokePermission(
      resourceFor(alice.principal),
      { ...alice, identityPolicies: [deny] },
      target,
    );
    expect(d).toMatchObject({ allowed: false, explicitDeny: true });
  });

  it("a cross-account principal needs both the resource policy and its identity policy", () => {
    const withIdentity = { ...stranger, identityPolicies: [allowBoth] };
    expect(evaluateInvokePermission([], withIdentity, target).allowed).toBe(false);
    expect(
      evaluateInvokePermission(resourceFor(stranger.principal), { ...stranger, identityPolicies: [] }, target)
        .allowed,
    ).toBe(false);
    expect(evaluateInvokePermission(resourceFor(stranger.principal), withIdentity, target).allowed).toBe(
      true,
    );
  });

  it("matches actions case-insensitively with wildcards and resources as ArnLike", () => {
    expect(
      evaluateIdentityPolicies(
        [{ Effect: "Allow", Action: "LAMBDA:invoke*", Resource: `${FN.slice(0, -5)}*` }],
        "lambda:InvokeFunctionUrl",
        FN,
      ),
    ).toBe("allow");
    expect(
      evaluateIdentityPolicies(
        [{ Effect: "Allow", Action: "lambda:Invoke*", Resource: `${FN}-other` }],
        "lambda:InvokeFunctionUrl",
        FN,
      ),
    ).toBe("none");
    expect(
      evaluateIdentityPolicies(
        [{ Effect: "Allow", Action: "s3:*", Resource: "*" }],
        "lambda:InvokeFunction",
        FN,
      ),
    ).toBe("none");
  });

  it("a service principal (no identity policies) is decided by the resource policy alone", () => {
    const cf = { principal: "cloudfront.amazonaws.com", accountId: "123456789012" };
    expect(evaluateInvokePermission(resourceFor("cloudfront.amazonaws.com"), cf, target).allowed).toBe(true);
    expect(evaluateInvokePermission([], cf, target).allowed).toBe(false);
  });
});
