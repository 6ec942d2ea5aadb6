/**
 * Who may invoke the function through its URL: the resource-based policy (`resource-policy.ts`) and,
 * for an IAM caller, its identity-based policies. IAM policy evaluation logic (IAM user guide,
 * "Policy evaluation logic"; Lambda guide, urls-auth): an explicit Deny in either wins; a caller in the
 * function's account is allowed by either policy; a caller from another account needs both. Service
 * principals (CloudFront) have no identity policies: the resource policy alone decides.
 *
 * Assumption (harsher reading): the October 2025 rule that a caller needs both
 * `lambda:InvokeFunctionUrl` and `lambda:InvokeFunction` applies to identity policies as well.
 */
import type { IamPolicyStatement, LambdaPermission } from "../../config/types.js";
import {
  arnLike,
  evaluateResourcePolicy,
  type PolicyCaller,
  type PolicyDecision,
  REQUIRED_ACTIONS,
} from "./resource-policy.js";

export interface InvokeTarget {
  /** `arn:aws:lambda:<region>:<account>:function:<name>`: the Resource an identity policy must name. */
  functionArn: string;
  accountId: string;
  authType: "AWS_IAM" | "NONE";
}

export interface InvokeCaller extends PolicyCaller {
  /** Identity-based policies; undefined for service principals and anonymous callers. */
  identityPolicies?: IamPolicyStatement[];
}

export interface InvokeDecision extends PolicyDecision {
  /** An identity policy statement explicitly denied one of the actions. */
  explicitDeny: boolean;
}

function list(value: string | string[]): string[] {
  return Array.isArray(value) ? value : [value];
}

/** IAM action names compare case-insensitively, with the same wildcards as ArnLike. */
function actionMatches(pattern: string, action: string): boolean {
  return arnLike(pattern.toLowerCase(), action.toLowerCase());
}

function statementMatches(statement: IamPolicyStatement, action: string, resource: string): boolean {
  return (
    list(statement.Action).some((a) => actionMatches(a, action)) &&
    list(statement.Resource).some((r) => arnLike(r, resource))
  );
}

/** `allow`, `deny` (an explicit Deny matched) or `none` (nothing matched: implicit deny). */
export function evaluateIdentityPolicies(
  statements: readonly IamPolicyStatement[],
  action: string,
  resource: string,
): "allow" | "deny" | "none" {
  const matching = statements.filter((s) => statementMatches(s, action, resource));
  if (matching.some((s) => s.Effect === "Deny")) return "deny";
  return matching.some((s) => s.Effect === "Allow") ? "allow" : "none";
}

export function evaluateInvokePermission(
  permissions: LambdaPermission[],
  caller: InvokeCaller,
  target: InvokeTarget,
): InvokeDecision {
  const resource = evaluateResourcePolicy(permissions, caller, target.authType);
  const identity = caller.identityPolicies;
  if (identity === undefined) return { ...resource, explicitDeny: false };

  const sameAccount = caller.accountId === target.accountId;
  const missing = REQUIRED_ACTIONS.filter((action) => {
    const byIdentity = evaluateIdentityPolicies(identity, action, target.functionArn);
    if (byIdentity === "deny") return true;
    const byResource = !resource.missing.includes(action);
    return sameAccount ? !(byResource || byIdentity === "allow") : !(byResource && byIdentity === "allow");
  });
  const explicitDeny = REQUIRED_ACTIONS.some(
    (action) => evaluateIdentityPolicies(identity, action, target.functionArn) === "deny",
  );
  return {
    allowed: missing.length === 0,
    missing,
    matchedStatements: resource.matchedStatements,
    explicitDeny,
  };
}
