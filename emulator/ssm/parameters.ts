/**
 * The parameters the emulated SSM holds: seeded at start, never written (PutParameter is a gap). A
 * parameter's answer has the shape of `GetParameterResult.Parameter` in the service model
 * (@aws-sdk/client-ssm `Parameter`: Name, Type, Value, Version, Selector, SourceResult,
 * LastModifiedDate, ARN, DataType) as recorded against AWS (LocalStack's AWS-validated snapshot
 * `tests/aws/services/ssm/test_ssm.snapshot.json`, `test_put_and_get_via_arn`, 2025-01: ARN, DataType
 * "text", LastModifiedDate, Name, Type, Value, Version 1). Timestamps go on the wire as epoch seconds
 * (AWS JSON 1.1).
 */
import { kmsKeyArn, ssmParameterArn } from "../aws/arns.js";
import { stackFunctions } from "../config/functions.js";
import type { LocalSecret, StackConfig } from "../config/types.js";
import { SsmError, SsmNotEmulatedError } from "./errors.js";

export interface StoredParameter {
  name: string;
  arn: string;
  type: "String" | "SecureString";
  value: string;
  version: number;
  lastModified: Date;
  /** The KMS key a SecureString is encrypted with (its ARN). */
  kmsKeyArn?: string;
  /** The key is a customer managed one (its key policy delegates to IAM), not SSM's AWS managed key. */
  customerManagedKey: boolean;
}

export interface ParameterStore {
  /** The parameter a `Name` (a name or a parameter ARN) names, and the ARN the call is authorized on. */
  resolve(name: string): { arn: string; parameter?: StoredParameter };
}

/** `GetParameterResult.Parameter` on the wire. */
export function parameterJson(p: StoredParameter, value: string): Record<string, unknown> {
  return {
    ARN: p.arn,
    DataType: "text",
    LastModifiedDate: p.lastModified.getTime() / 1000,
    Name: p.name,
    Type: p.type,
    Value: value,
    Version: p.version,
  };
}

/**
 * The local stack's parameters: each function's secret parameter (`secretParameter`), a SecureString at
 * the name Terraform gives the function (this project's: GEMINI_API_KEY_PARAMETER), holding the local
 * value it names (the stub's key) and encrypted with the key the module names (`ssm.kmsKeyVariable`),
 * else SSM's AWS managed key.
 */
export function stackParameters(config: StackConfig, now: Date): StoredParameter[] {
  const { region, accountId, ssm } = config;
  const byName = new Map<string, StoredParameter>();
  for (const fn of stackFunctions(config)) {
    const secret = fn.secretParameter;
    const name = secret && fn.environment[secret.nameVariable];
    if (!secret || !name || byName.has(name)) continue;
    byName.set(name, {
      name,
      arn: ssmParameterArn(region, accountId, name),
      type: "SecureString",
      value: localSecret(config, secret.value),
      version: 1,
      lastModified: now,
      kmsKeyArn: ssm.parameterKmsKeyArn ?? kmsKeyArn(region, accountId, ssm.awsManagedKeyId),
      customerManagedKey: ssm.parameterKmsKeyArn !== undefined,
    });
  }
  return [...byName.values()];
}

/** A secret of the local stack by its name in the configuration. */
function localSecret(config: StackConfig, value: LocalSecret): string {
  switch (value) {
    case "gemini-stub-api-key":
      return config.gemini.apiKey;
  }
}

const PARAMETER_ARN = /^arn:aws:ssm:([a-z0-9-]+):(\d{12}):parameter(\/.*)$/;

export function createParameterStore(
  parameters: StoredParameter[],
  where: { region: string; accountId: string },
): ParameterStore {
  const byName = new Map(parameters.map((p) => [p.name, p]));
  return {
    resolve(name) {
      const arnMatch = PARAMETER_ARN.exec(name);
      if (arnMatch) {
        const [, region, account, path] = arnMatch;
        // A parameter ARN names the parameter; its name keeps the leading slash only if it had one.
        const parameter =
          region === where.region && account === where.accountId
            ? (byName.get(path ?? "") ?? byName.get((path ?? "").slice(1)))
            : undefined;
        return { arn: name, parameter };
      }
      // Assumption: an ARN that is not a parameter's is refused as invalid input; AWS's wording is not recorded.
      if (name.startsWith("arn:"))
        throw new SsmError("ValidationException", `Invalid parameter name: ${name}`);
      // `name:version` and `name:label` select an older value (GetParameter API reference, Name).
      if (name.includes(":")) {
        throw new SsmNotEmulatedError(`GetParameter with a version or label selector (${name})`);
      }
      return { arn: ssmParameterArn(where.region, where.accountId, name), parameter: byName.get(name) };
    },
  };
}
