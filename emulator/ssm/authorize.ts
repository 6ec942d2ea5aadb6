/**
 * Who is calling SSM and what they may do: the SigV4 signature (the shared verifier, service `ssm`) names
 * a local principal; its identity-based policies decide `ssm:GetParameter` on the parameter's ARN and,
 * for a SecureString read with decryption, `kms:Decrypt` on its key, which SSM calls on the caller's
 * behalf (`kms:ViaService` = `ssm.<region>.amazonaws.com`).
 *
 * The function's caller is its execution role's session, `arn:aws:sts::<account>:assumed-role/<role>/<function>`,
 * with the statements of the role's inline policies as Terraform writes them (emulator/terraform/iam.ts).
 * Parameters have no resource policies, so within the account the identity policy alone decides.
 *
 * KMS: a customer managed key's default key policy delegates to IAM (the account's root principal), so
 * the role's policy must allow `kms:Decrypt` (Assumption: the key keeps that default policy). The AWS
 * managed key `aws/ssm` grants every principal of the account that calls through SSM: "The default AWS
 * Key Management Service (AWS KMS) key has Decrypt permission for all IAM principals within the AWS
 * account" (Parameter Store setup page, quoted in KensioSoftware/yulin#1156, 2026-08), so only an
 * explicit Deny stops it; `requireDecryptOnAwsManagedKey` runs the harsher reading some write-ups give
 * (aws-powertools/powertools-lambda-dotnet#272).
 */
import { randomUUID } from "node:crypto";
import { assumedRoleArn } from "../aws/arns.js";
import {
  accessDeniedMessage,
  evaluateIdentityPolicy,
  IamConditionNotEmulated,
  type IamStatement,
} from "../aws/iam-policy.js";
import type { KeyStore, SigningKey } from "../aws/sigv4-types.js";
import { functionRoleKeys, stackFunctions } from "../config/functions.js";
import type { StackConfig } from "../config/types.js";
import { SsmError, SsmNotEmulatedError } from "./errors.js";
import type { StoredParameter } from "./parameters.js";

/** A principal that may sign calls to SSM. */
export interface SsmCaller extends SigningKey {
  /** How AccessDenied messages name it (an IAM user ARN, or an assumed-role session ARN). */
  arn: string;
  /** `aws:PrincipalArn`: the role's ARN for a role session, else `arn`. */
  principalArn: string;
  statements: IamStatement[];
}

/**
 * The local callers: each function's role session (its execution role's keys: config/functions.ts), the
 * named test principals, and the local IAM principals the functions declare.
 */
export function ssmCallers(config: StackConfig): KeyStore<SsmCaller> {
  const { accountId, credentials } = config;
  const functions = stackFunctions(config);
  const callers: SsmCaller[] = [
    ...functions.map((fn) => ({
      ...functionRoleKeys(config, fn),
      arn: assumedRoleArn(accountId, fn.executionRole.name, fn.functionName),
      principalArn: fn.executionRole.arn,
      statements: fn.executionRole.statements,
    })),
    ...credentials.others.map((c) => ({
      ...c,
      arn: c.principal,
      principalArn: c.principal,
      statements: c.identityPolicies ?? [],
    })),
    ...functions.flatMap((fn) =>
      (fn.principals ?? []).map((p) => ({ ...p, principalArn: p.arn, statements: p.policies })),
    ),
  ];
  const byKey = new Map(callers.map((c) => [c.accessKeyId, c]));
  return { find: (accessKeyId) => byKey.get(accessKeyId) };
}

/** The condition keys this emulator knows for a call (IAM's global keys, and KMS's for a call through SSM). */
function requestContext(caller: SsmCaller, region: string, accountId: string): Record<string, string> {
  return {
    "aws:RequestedRegion": region,
    "aws:PrincipalArn": caller.principalArn,
    "aws:PrincipalAccount": accountId,
  };
}

function decide(caller: SsmCaller, action: string, resource: string, context: Record<string, string>) {
  try {
    return evaluateIdentityPolicy(caller.statements, action, resource, context);
  } catch (error) {
    if (error instanceof IamConditionNotEmulated) throw new SsmNotEmulatedError(`IAM ${error.message}`);
    throw error;
  }
}

/** `ssm:GetParameter` on the parameter's ARN; refused as SSM answers (an AccessDeniedException). */
export function authorizeGetParameter(
  caller: SsmCaller,
  resource: string,
  where: { region: string; accountId: string },
): void {
  const decision = decide(
    caller,
    "ssm:GetParameter",
    resource,
    requestContext(caller, where.region, where.accountId),
  );
  if (decision === "allow") return;
  throw new SsmError(
    "AccessDeniedException",
    accessDeniedMessage(caller.arn, "ssm:GetParameter", resource, decision),
  );
}

/**
 * `kms:Decrypt` on a SecureString's key, through SSM. Refused with KMS's AccessDeniedException as SSM
 * passes it on: IAM's text, then the AWS SDK for Java's suffix SSM appends (recorded:
 * hashicorp/terraform-provider-aws#42849, 2025-06: "... is not authorized to perform:
 * kms:Decrypt on resource: arn:aws:kms:...:key/... because no resource-based policy allows the
 * kms:Decrypt action (Service: AWSKMS; Status Code: 400; Error Code: AccessDeniedException; Request ID:
 * ...; Proxy: null)"). Assumption: with a key policy that delegates to IAM, the policy type named is the
 * identity-based one.
 */
export function authorizeDecrypt(
  caller: SsmCaller,
  parameter: StoredParameter,
  where: { region: string; accountId: string; requireDecryptOnAwsManagedKey?: boolean },
): void {
  const key = parameter.kmsKeyArn;
  if (!key) return;
  const context = {
    ...requestContext(caller, where.region, where.accountId),
    "kms:ViaService": `ssm.${where.region}.amazonaws.com`,
    "kms:CallerAccount": where.accountId,
    // SSM's encryption context for a SecureString (Parameter Store and AWS KMS, "Encryption context").
    "kms:EncryptionContext:PARAMETER_ARN": parameter.arn,
  };
  const decision = decide(caller, "kms:Decrypt", key, context);
  const needsAllow = parameter.customerManagedKey || where.requireDecryptOnAwsManagedKey === true;
  if (decision === "allow" || (decision === "none" && !needsAllow)) return;
  const denied = accessDeniedMessage(caller.arn, "kms:Decrypt", key, decision);
  throw new SsmError(
    "AccessDeniedException",
    `${denied} (Service: AWSKMS; Status Code: 400; Error Code: AccessDeniedException; Request ID: ${randomUUID()}; Proxy: null)`,
  );
}
