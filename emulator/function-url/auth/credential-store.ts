import { sha256Hex } from "../../aws/sigv4-canonical.js";
import type { KeyStore } from "../../aws/sigv4-types.js";
import type { IamPolicyStatement, LocalCredential, LocalPrincipal, StackConfig } from "../../config/types.js";

/** Local IAM: who owns an access key. The SigV4 verifier asks only this. */
export type CredentialStore = KeyStore<LocalCredential>;

/** A `functionUrl.principals` entry that cannot be used; the message names the field. */
export class PrincipalConfigError extends Error {
  override name = "PrincipalConfigError";
}

/** A store over explicit credentials (tests, benchmarks). */
export function credentialStoreOf(credentials: LocalCredential[]): CredentialStore {
  const byKey = new Map<string, LocalCredential>();
  for (const c of credentials) {
    if (byKey.has(c.accessKeyId))
      throw new PrincipalConfigError(`access key ${c.accessKeyId} is configured twice`);
    byKey.set(c.accessKeyId, c);
  }
  return { find: (accessKeyId) => byKey.get(accessKeyId) };
}

const STATEMENT_KEYS = new Set(["Effect", "Action", "Resource", "Sid"]);

function checkStatement(statement: IamPolicyStatement, where: string): void {
  if (typeof statement !== "object" || statement === null)
    throw new PrincipalConfigError(`${where} is not an object`);
  const unsupported = Object.keys(statement).filter((k) => !STATEMENT_KEYS.has(k));
  // Refused rather than ignored: a skipped Condition or NotAction would make the twin kinder than IAM.
  if (unsupported.length > 0) {
    throw new PrincipalConfigError(
      `${where}: ${unsupported.join(", ")} not emulated (only Effect, Action, Resource, Sid)`,
    );
  }
  if (statement.Effect !== "Allow" && statement.Effect !== "Deny") {
    throw new PrincipalConfigError(`${where}.Effect must be "Allow" or "Deny"`);
  }
  for (const key of ["Action", "Resource"] as const) {
    const value = statement[key];
    const values = Array.isArray(value) ? value : [value];
    if (values.length === 0 || values.some((v) => typeof v !== "string" || v === "")) {
      throw new PrincipalConfigError(`${where}.${key} must be a non-empty string or list of strings`);
    }
  }
}

/** A configured principal as the verifier and the policy evaluation see it. */
export function credentialOfPrincipal(principal: LocalPrincipal, where: string): LocalCredential {
  const accountId = /^arn:aws:(?:iam|sts)::(\d{12}):\S+$/.exec(principal.arn ?? "")?.[1];
  if (!accountId)
    throw new PrincipalConfigError(`${where}.arn must be an IAM or STS ARN, got "${principal.arn}"`);
  if (!principal.accessKeyId || !principal.secretAccessKey) {
    throw new PrincipalConfigError(`${where} needs accessKeyId and secretAccessKey`);
  }
  if (!Array.isArray(principal.policies)) throw new PrincipalConfigError(`${where}.policies must be a list`);
  for (const [i, statement] of principal.policies.entries())
    checkStatement(statement, `${where}.policies[${i}]`);
  // A stable, AWS-looking unique id when none is given (IAM users' ids start with AIDA).
  const derivedId = `AIDA${sha256Hex(principal.arn).slice(0, 17).toUpperCase()}`;
  return {
    accessKeyId: principal.accessKeyId,
    secretAccessKey: principal.secretAccessKey,
    ...(principal.sessionToken ? { sessionToken: principal.sessionToken } : {}),
    principal: principal.arn,
    accountId,
    userId: principal.userId ?? derivedId,
    identityPolicies: principal.policies,
  };
}

/**
 * The stack's store: the CloudFront service principal, the named test principals, and the local IAM
 * principals any function declares (`functionUrl.principals`, `functions.<name>.principals`): they are the
 * account's, whichever function's settings name them.
 */
export function credentialStoreFromConfig(config: StackConfig): CredentialStore {
  const declared = [
    ["functionUrl", config.functionUrl] as const,
    ...Object.entries(config.functions ?? {}).map(([name, fn]) => [`functions.${name}`, fn] as const),
  ];
  const principals = declared.flatMap(([where, fn]) =>
    (fn.principals ?? []).map((p, i) => credentialOfPrincipal(p, `${where}.principals[${i}]`)),
  );
  return credentialStoreOf([config.credentials.cloudfront, ...config.credentials.others, ...principals]);
}
