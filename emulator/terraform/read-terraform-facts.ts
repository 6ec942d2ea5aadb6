import { existsSync } from "node:fs";
import path from "node:path";
import { readCognito } from "./cognito.js";
import { readDistribution } from "./distribution.js";
import { TerraformNotEmulatedError } from "./errors.js";
import type { DistributionFacts, FunctionFacts, LocalStandIns, TerraformFacts } from "./facts.js";
import { readFunctionUrl } from "./function-url.js";
import { readExecutionRole, readParameterKey } from "./iam.js";
import { findLambda, readLambda } from "./lambda.js";
import { loadTerraformModule, type TerraformBlock } from "./module-loader.js";
import { ModuleReader } from "./module-reader.js";
import { readPermissions } from "./permissions.js";
import { lambdaFunctionArn, localStandIn, localUrlDomain, localUrlId } from "./stand-ins.js";
import { resolveVariables } from "./variables.js";

export interface ReadTerraformOptions {
  /** The Terraform module folder (`terraform/`). */
  dir: string;
  /** The local stack's values for what only AWS knows (ARNs, domains, another stack's outputs). */
  standIns: LocalStandIns;
  /**
   * A tfvars file to use instead of the default pair: `<dir>/environments/local.tfvars` (the offline
   * stack's committed values), then `<dir>/local.tfvars` (a developer's own, git-ignored), each if present.
   */
  tfvarsFile?: string;
  /**
   * The module input that names the customer managed KMS key of the functions' SecureString
   * parameters, when the module has one (this project's: `gemini_api_key_kms_key_arn`); see iam.ts.
   */
  parameterKeyVariable?: string;
}

/**
 * Reads what the Terraform module says about every function with a Function URL (each with its code,
 * execution role and permissions), every CloudFront distribution (origins, default and ordered cache
 * behaviours) and the Cognito pool, as plain facts (the config loader lays them over its defaults).
 * Throws a TerraformError or TerraformNotEmulatedError naming file and line for HCL it cannot read or
 * does not emulate.
 *
 * @example
 * const facts = await readTerraformFacts({ dir: "terraform", standIns });
 * facts.functions[0]?.functionUrl.invokeMode; // "RESPONSE_STREAM"
 */
export async function readTerraformFacts(options: ReadTerraformOptions): Promise<TerraformFacts> {
  const mod = await loadTerraformModule(options.dir);
  const tfvarsFiles = options.tfvarsFile
    ? [options.tfvarsFile]
    : [path.join(options.dir, "environments/local.tfvars"), path.join(options.dir, "local.tfvars")].filter(
        (f) => existsSync(f),
      );
  const variables = await resolveVariables(mod, tfvarsFiles);
  const local = options.standIns;
  const reader = new ModuleReader(mod, variables, (r) => localStandIn(r, local));
  const urls = await reader.live("aws_lambda_function_url");
  if (urls.length === 0) {
    const at = { file: mod.files[0] ?? mod.dir, line: 1 };
    throw new TerraformNotEmulatedError(at, "a module without an aws_lambda_function_url (at least one)");
  }
  // In this order, so the first problem reported is the one a reader of the module meets first.
  const functions: FunctionFacts[] = [];
  for (const url of urls) functions.push(await readFunction(reader, url, local));
  const parameterKey = await readParameterKey(reader, options.parameterKeyVariable);
  const urlDomains = new Map(
    functions.map((fn) => [localUrlDomain(local, fn.lambda.functionName), fn.lambda.functionName]),
  );
  const distributions: DistributionFacts[] = [];
  for (const dist of await reader.live("aws_cloudfront_distribution")) {
    distributions.push(await readDistribution(reader, dist, { urlDomains, local }));
  }
  return {
    functions,
    distributions,
    parameterKey,
    cognito: readCognito(functions.map((fn) => fn.lambda)),
  };
}

/** One URL, its function, the function's role and permissions. */
async function readFunction(
  reader: ModuleReader,
  url: TerraformBlock,
  local: LocalStandIns,
): Promise<FunctionFacts> {
  const lambdaBlock = await findLambda(reader, url);
  const lambda = await readLambda(reader, lambdaBlock, local);
  const executionRole = await readExecutionRole(reader, lambdaBlock, local);
  const urlId = localUrlId(local, lambda.functionName);
  const functionUrl = await readFunctionUrl(reader, url, lambdaBlock, urlId);
  const permissions = await readPermissions(
    reader,
    lambda.functionName,
    lambdaFunctionArn(local, lambda.functionName),
  );
  return { lambda, functionUrl, executionRole, permissions };
}
