/**
 * Identity-based policy evaluation, as IAM does it for one request (IAM user guide, "Policy evaluation
 * logic" and "IAM JSON policy elements: Condition operators", read 2026-12-07): an explicit Deny in a
 * matching statement wins; otherwise a matching Allow allows; otherwise the request is implicitly
 * denied. A statement matches when one of its actions (case-insensitive, `*` and `?` wildcards) and one
 * of its resources (ArnLike) match, and every condition holds.
 *
 * Conditions are evaluated only on the keys the calling service puts in the request context; a
 * statement that would apply but names another key, or an operator not listed here, is a gap
 * (IamConditionNotEmulated), never silently true or false: guessing either way would make the twin
 * kinder or harsher than IAM without saying so.
 *
 * @example
 * evaluateIdentityPolicy(statements, "kms:Decrypt", keyArn, { "kms:ViaService": "ssm.us-east-1.amazonaws.com" });
 * // "allow" | "deny" | "none"
 */

/** One statement in IAM's own JSON spelling (what `aws_iam_policy_document` renders). */
export interface IamStatement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Action: string | string[];
  Resource: string | string[];
  /** `{ "<operator>": { "<condition key>": value or values } }`. */
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** The condition keys a service knows for the request, by name (names compare case-insensitively). */
export type RequestContext = Record<string, string>;

/** A condition the evaluator cannot decide; the message names the operator or key and the statement. */
export class IamConditionNotEmulated extends Error {
  override name = "IamConditionNotEmulated";
}

/** ArnLike: `*` matches any run of characters, `?` one character. */
export function arnLike(pattern: string, value: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${source}$`, "s").test(value);
}

function list(value: string | string[]): string[] {
  return Array.isArray(value) ? value : [value];
}

/** String and ARN operators (IAM user guide, "Condition operators"); `*`/`?` wildcards for the -Like ones. */
const OPERATORS: Record<string, (pattern: string, value: string) => boolean> = {
  StringEquals: (p, v) => p === v,
  StringNotEquals: (p, v) => p !== v,
  StringEqualsIgnoreCase: (p, v) => p.toLowerCase() === v.toLowerCase(),
  StringLike: arnLike,
  StringNotLike: (p, v) => !arnLike(p, v),
  ArnEquals: (p, v) => p === v,
  ArnLike: arnLike,
  ArnNotEquals: (p, v) => p !== v,
  ArnNotLike: (p, v) => !arnLike(p, v),
};

/** Negated operators hold when NO value matches; the others when ANY value does. */
const NEGATED = new Set(["StringNotEquals", "StringNotLike", "ArnNotEquals", "ArnNotLike"]);

function conditionsHold(statement: IamStatement, context: RequestContext): boolean {
  const byName = new Map(Object.entries(context).map(([k, v]) => [k.toLowerCase(), v]));
  for (const [operator, keys] of Object.entries(statement.Condition ?? {})) {
    const compare = OPERATORS[operator];
    if (!compare) {
      throw new IamConditionNotEmulated(
        `condition operator ${operator} (statement ${statement.Sid ?? "without Sid"})`,
      );
    }
    for (const [key, expected] of Object.entries(keys)) {
      const actual = byName.get(key.toLowerCase());
      if (actual === undefined) {
        throw new IamConditionNotEmulated(
          `condition key ${key} in a request that does not carry it here (statement ${statement.Sid ?? "without Sid"})`,
        );
      }
      const matches = list(expected).map((pattern) => compare(pattern, actual));
      const holds = NEGATED.has(operator) ? matches.every(Boolean) : matches.some(Boolean);
      if (!holds) return false;
    }
  }
  return true;
}

function applies(statement: IamStatement, action: string, resource: string): boolean {
  return (
    list(statement.Action).some((a) => arnLike(a.toLowerCase(), action.toLowerCase())) &&
    list(statement.Resource).some((r) => arnLike(r, resource))
  );
}

/** `allow`, `deny` (an explicit Deny matched) or `none` (nothing matched: implicit deny). */
export function evaluateIdentityPolicy(
  statements: readonly IamStatement[],
  action: string,
  resource: string,
  context: RequestContext = {},
): "allow" | "deny" | "none" {
  const matching = statements.filter((s) => applies(s, action, resource) && conditionsHold(s, context));
  if (matching.some((s) => s.Effect === "Deny")) return "deny";
  return matching.some((s) => s.Effect === "Allow") ? "allow" : "none";
}

/**
 * The message AWS gives an access denied by identity-based policies (IAM user guide, "Troubleshoot
 * access denied error messages": "with an explicit deny in a/an <type> policy", "because no <type>
 * policy allows the <action> action"). Recorded for SSM: aws-samples/bedrock-access-gateway#87
 * (a Lambda role, 2024-12), anomalyco/sst#4176 (2024-09).
 *
 * @example
 * accessDeniedMessage("arn:aws:sts::123456789012:assumed-role/r/f", "ssm:GetParameter", "arn:aws:ssm:...", "none");
 */
export function accessDeniedMessage(
  principalArn: string,
  action: string,
  resource: string,
  decision: "deny" | "none",
): string {
  const why =
    decision === "deny"
      ? "with an explicit deny in an identity-based policy"
      : `because no identity-based policy allows the ${action} action`;
  return `User: ${principalArn} is not authorized to perform: ${action} on resource: ${resource} ${why}`;
}
