/**
 * Terraform is the emulator's source of truth: the facts the Terraform reader finds
 * (`emulator/terraform/`) are laid over the defaults here. The reader knows nothing of this
 * configuration; it is given the local stand-ins for values only AWS knows and returns plain facts.
 */

import { kmsKeyArn } from "../aws/arns.js";
import type { CacheBehaviorFacts, DistributionFacts, FunctionFacts } from "../terraform/facts.js";
import {
  type LocalStandIns,
  readTerraformFacts,
  readTerraformFactsCached,
  type TerraformFacts,
} from "../terraform/index.js";
import { distributionArn } from "./defaults.js";
import { stackFunctions } from "./functions.js";
import type {
  CacheBehaviorConfig,
  DistributionConfig,
  FunctionConfig,
  FunctionUrlConfig,
  StackConfig,
} from "./types.js";

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
    ...(options.base.ssm.kmsKeyVariable ? { parameterKeyVariable: options.base.ssm.kmsKeyVariable } : {}),
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
    // The configured functions keep their url-ids; any other function's is derived from its name.
    functionUrls: Object.fromEntries(stackFunctions(config).map((fn) => [fn.functionName, fn.urlId])),
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

/** What the module says of one function, in the configuration's words. */
function functionSettings(facts: FunctionFacts): Partial<FunctionConfig> {
  const { lambda, functionUrl } = facts;
  return {
    functionName: lambda.functionName,
    urlId: functionUrl.urlId,
    handler: lambda.handler,
    runtime: lambda.runtime,
    timeoutSeconds: lambda.timeoutSeconds,
    memoryMb: lambda.memoryMb,
    environment: lambda.environment,
    logging: lambda.logging,
    artifact: lambda.code.zipFile,
    authType: functionUrl.authType,
    invokeMode: functionUrl.invokeMode,
    cors: functionUrl.cors,
    permissions: facts.permissions,
    executionRole: facts.executionRole,
  };
}

/**
 * Another function of the module: the first one's emulator settings (containers, delivery, limits), what
 * the module says of it, and its code from the zip it deploys (a config file can point it at its source).
 */
function otherFunction(base: FunctionUrlConfig, facts: FunctionFacts): FunctionConfig {
  const {
    host: _host,
    port: _port,
    apiKeySource: _key,
    watch: _watch,
    principals: _principals,
    localEnvironment: _local,
    secretParameter: _secret,
    ...emulator
  } = base;
  const fn: FunctionConfig = {
    ...structuredClone(emulator),
    ...functionSettings(facts),
    codeFrom: "artifact",
    sourceEntry: "",
    bundleEntry: facts.lambda.code.zipFile,
    useBundle: false,
  };
  if (fn.cors === undefined) delete fn.cors;
  return fn;
}

/** A behaviour's facts in the configuration's words; what the module does not set is left out. */
function behaviorSettings(facts: CacheBehaviorFacts): CacheBehaviorConfig {
  const { originRequestPolicy, viewerRequestFunction, oac, ...rest } = facts;
  return {
    ...rest,
    ...(originRequestPolicy ? { originRequestPolicy } : {}),
    ...(viewerRequestFunction ? { viewerRequestFunction } : {}),
    ...(oac ? { oac } : {}),
  };
}

function distributionSettings(facts: DistributionFacts): DistributionConfig {
  const { resourceName: _name, id, domainName, orderedBehaviors, ...defaultBehavior } = facts;
  return {
    distributionId: id,
    domainName,
    ...behaviorSettings(defaultBehavior),
    orderedBehaviors: orderedBehaviors.map(({ pathPattern, ...b }) => ({
      pathPattern,
      ...behaviorSettings(b),
    })),
  };
}

/** A copy of `base` with the facts laid over it; what the module does not set keeps its default. */
export function overlayTerraformFacts(base: StackConfig, facts: TerraformFacts): StackConfig {
  const config = structuredClone(base);
  const [first, ...others] = facts.functions;
  if (first) {
    Object.assign(config.functionUrl, functionSettings(first));
    if (first.functionUrl.cors === undefined) delete config.functionUrl.cors;
  }
  if (others.length > 0) {
    config.functions = Object.fromEntries(
      others.map((fn) => [fn.lambda.functionName, otherFunction(base.functionUrl, fn)]),
    );
  } else delete config.functions;
  if (facts.parameterKey.customerManagedKeyArn)
    config.ssm.parameterKmsKeyArn = facts.parameterKey.customerManagedKeyArn;
  else delete config.ssm.parameterKmsKeyArn;
  // One pool for the whole local stack: if Terraform names the pool/client, local Cognito uses them too.
  if (facts.cognito.userPoolId) config.cognito.userPoolId = facts.cognito.userPoolId;
  if (facts.cognito.clientId) config.cognito.clientId = facts.cognito.clientId;
  const [firstDistribution, ...otherDistributions] = facts.distributions;
  if (firstDistribution) {
    const { host, port, endpointPath } = config.cloudfront;
    // Absent in Terraform means absent here (no OAC: unsigned origin requests; no function: none runs).
    config.cloudfront = {
      host,
      port,
      ...(endpointPath ? { endpointPath } : {}),
      ...distributionSettings(firstDistribution),
    };
  }
  if (otherDistributions.length > 0) {
    config.distributions = Object.fromEntries(
      otherDistributions.map((d) => [d.resourceName, distributionSettings(d)]),
    );
  } else delete config.distributions;
  return config;
}
