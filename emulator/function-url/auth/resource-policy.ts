/**
 * The function's resource-based policy, evaluated as Lambda does for a Function URL call
 * (docs/platform-facts.md#who-may-call-a-function-url): principal, action and the `AWS:SourceArn` /
 * `lambda:FunctionUrlAuthType` conditions. Since October 2025 a caller needs BOTH
 * `lambda:InvokeFunctionUrl` and `lambda:InvokeFunction`.
 */
import type { LambdaAction, LambdaPermission } from "../../config/types.js";

/** Who is calling, as the policy sees it. For AuthType NONE the caller is anonymous (`*`). */
export interface PolicyCaller {
  principal: string;
  accountId?: string;
  /** The `AWS:SourceArn` the call carries (for CloudFront OAC: the distribution ARN). */
  sourceArn?: string;
}

export interface PolicyDecision {
  allowed: boolean;
  /** Required actions that no statement grants to this caller. */
  missing: LambdaAction[];
  /** Statement ids that granted something. */
  matchedStatements: string[];
}

export const REQUIRED_ACTIONS: readonly LambdaAction[] = [
  "lambda:InvokeFunctionUrl",
  "lambda:InvokeFunction",
];

/** ArnLike: `*` matches any run of characters, `?` one character. */
export function arnLike(pattern: string, value: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${source}$`).test(value);
}

function principalMatches(statementPrincipal: string, caller: PolicyCaller): boolean {
  if (statementPrincipal === "*") return true;
  if (statementPrincipal === caller.principal) return true;
  // An account principal (id or `arn:aws:iam::<id>:root`) covers every IAM identity of that account,
  // never a service principal.
  const account =
    /^(\d{12})$/.exec(statementPrincipal)?.[1] ??
    /^arn:aws:iam::(\d{12}):root$/.exec(statementPrincipal)?.[1];
  return account !== undefined && caller.principal.startsWith("arn:") && caller.accountId === account;
}

function statementGrants(
  statement: LambdaPermission,
  action: LambdaAction,
  caller: PolicyCaller,
  authType: "AWS_IAM" | "NONE",
): boolean {
  if (statement.action !== action && statement.action !== "lambda:*") return false;
  if (!principalMatches(statement.principal, caller)) return false;
  if (statement.sourceArn !== undefined) {
    if (caller.sourceArn === undefined || !arnLike(statement.sourceArn, caller.sourceArn)) return false;
  }
  if (statement.functionUrlAuthType !== undefined && statement.functionUrlAuthType !== authType) return false;
  return true;
}

export function evaluateResourcePolicy(
  permissions: LambdaPermission[],
  caller: PolicyCaller,
  authType: "AWS_IAM" | "NONE",
): PolicyDecision {
  const matched = new Set<string>();
  const missing: LambdaAction[] = [];
  for (const action of REQUIRED_ACTIONS) {
    const granting = permissions.filter((s) => statementGrants(s, action, caller, authType));
    if (granting.length === 0) missing.push(action);
    for (const s of granting) matched.add(s.statementId);
  }
  return { allowed: missing.length === 0, missing, matchedStatements: [...matched] };
}
