/**
 * Terraform is the emulator's source of truth: the facts the Terraform reader finds
 * (`emulator/terraform/`) are laid over the defaults here. The reader knows nothing of this
 * configuration; it is given the local stand-ins for values only AWS knows and returns plain facts.
 */

import { kmsKeyArn } from "../aws/arns.js";
import {
  type LocalStandIns,
  readTerraformFacts,
  readTerraformFactsCached,
  type TerraformFacts,
} from "../terraform/index.js";
import { distributionArn, functionUrlDomain } from "./defaults.js";
import type { StackConfig } from "./types.js";

export interface LoadTerraformOptions {
  /** The Terraform module folder (`terraform/`). */
  dir: string;
  /** Defaults and local-only values; what Terraform describes is laid over it. */
  base: StackConfig;
  /** A tfvars file to use instead of `environments/local.tfvars` then `local.tfvars` (see `readTerraformFacts`). */
  tfvarsFile?: string;
  /** Answer from the facts cache when nothing the reader reads has changed (terraform/facts-cache.ts); default true. */
  cache?: boolean;
}

/**
 * `base` with what the Terraform module describes laid over it.
 *
 * @example
 * const config = await loadTerraformConfig({ dir: path.join(REPO_ROOT, "terraform"), base: defaultConfig() });
 */
export async function loadTerraformConfig(options: LoadTerraformOptions): Promise<StackConfig> {
  const read = options.cache === false ? readTerraformFacts : readTerraformFactsCached;
  const facts = await read({
    dir: options.dir,
    standIns: localStandIns(options.base),
    ...(options.tfvarsFile ? { tfvarsFile: options.tfvarsFile } : {}),
  });
  return overlayTerraformFacts(options.base, facts);
}

/** The local stack's values for what only AWS knows, taken from `config`. */
export function localStandIns(config: StackConfig): LocalStandIns {
  return {
    accountId: config.accountId,
    region: config.region,
    distribution: {
      id: config.cloudfront.distributionId,
      domainName: config.cloudfront.domainName,
      arn: distributionArn(config),
    },
    functionUrl: { urlId: config.functionUrl.urlId, domain: functionUrlDomain(config) },
    // The AWS managed key SSM uses for SecureStrings when none is named, in the local account.
    kmsAliases: { "alias/aws/ssm": kmsKeyArn(config.region, config.accountId, config.ssm.awsManagedKeyId) },
    // The Cognito stack's outputs: the local pool and client stand in for the deployed ones.
    environment: {
      ...config.functionUrl.environment,
      COGNITO_USER_POOL_ID: config.cognito.userPoolId,
      COGNITO_CLIENT_ID: config.cognito.clientId,
    },
  };
}

/** A copy of `base` with the facts laid over it; what the module does not set keeps its default. */
export function overlayTerraformFacts(base: StackConfig, facts: TerraformFacts): StackConfig {
  const config = structuredClone(base);
  const { lambda, functionUrl, distribution } = facts;
  Object.assign(config.functionUrl, {
    functionName: lambda.functionName,
    handler: lambda.handler,
    runtime: lambda.runtime,
    timeoutSeconds: lambda.timeoutSeconds,
    memoryMb: lambda.memoryMb,
    environment: lambda.environment,
    logging: lambda.logging,
    authType: functionUrl.authType,
    invokeMode: functionUrl.invokeMode,
    cors: functionUrl.cors,
    permissions: facts.permissions,
    executionRole: facts.executionRole,
  });
  if (facts.parameterKey.customerManagedKeyArn)
    config.ssm.parameterKmsKeyArn = facts.parameterKey.customerManagedKeyArn;
  else delete config.ssm.parameterKmsKeyArn;
  // One pool for the whole local stack: if Terraform names the pool/client, local Cognito uses them too.
  if (facts.cognito.userPoolId) config.cognito.userPoolId = facts.cognito.userPoolId;
  if (facts.cognito.clientId) config.cognito.clientId = facts.cognito.clientId;
  const cf = config.cloudfront;
  cf.allowedMethods = distribution.allowedMethods;
  cf.cachedMethods = distribution.cachedMethods;
  cf.cachePolicyId = distribution.cachePolicyId;
  cf.originRequestPolicyId = distribution.originRequestPolicyId;
  if (distribution.originRequestPolicy) cf.originRequestPolicy = distribution.originRequestPolicy;
  else delete cf.originRequestPolicy;
  cf.originReadTimeoutSeconds = distribution.originReadTimeoutSeconds;
  // Absent in Terraform means absent here (no OAC: unsigned origin requests; no function: none runs).
  if (distribution.oac) cf.oac = distribution.oac;
  else delete cf.oac;
  if (distribution.viewerRequestFunction) cf.viewerRequestFunction = distribution.viewerRequestFunction;
  else delete cf.viewerRequestFunction;
  return config;
}
