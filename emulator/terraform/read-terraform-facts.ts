import { existsSync } from "node:fs";
import path from "node:path";
import { readCognito } from "./cognito.js";
import { readDistribution } from "./distribution.js";
import type { LocalStandIns, TerraformFacts } from "./facts.js";
import { readFunctionUrl } from "./function-url.js";
import { readExecutionRole, readParameterKey } from "./iam.js";
import { findLambda, readLambda } from "./lambda.js";
import { loadTerraformModule } from "./module-loader.js";
import { ModuleReader } from "./module-reader.js";
import { readPermissions } from "./permissions.js";
import { lambdaFunctionArn, localStandIn } from "./stand-ins.js";
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
}

/**
 * Reads what the Terraform module says about the Function URL, its function, execution role and
 * permissions, the CloudFront distribution and the Cognito pool, as plain facts (the config loader lays them over its
 * defaults). Throws a TerraformError or TerraformNotEmulatedError naming file and line for HCL it
 * cannot read or does not emulate.
 *
 * @example
 * const facts = await readTerraformFacts({ dir: "terraform", standIns });
 * facts.functionUrl.invokeMode; // "RESPONSE_STREAM"
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
  // In this order, so the first problem reported is the one a reader of the module meets first.
  const url = await reader.single("aws_lambda_function_url");
  const lambdaBlock = await findLambda(reader, url);
  const lambda = await readLambda(reader, lambdaBlock, local);
  const executionRole = await readExecutionRole(reader, lambdaBlock, local);
  const parameterKey = await readParameterKey(reader);
  const functionUrl = await readFunctionUrl(reader, url, lambdaBlock);
  const permissions = await readPermissions(
    reader,
    lambda.functionName,
    lambdaFunctionArn(local, lambda.functionName),
  );
  const distribution = await readDistribution(reader, local.functionUrl.domain);
  return {
    lambda,
    executionRole,
    parameterKey,
    functionUrl,
    permissions,
    distribution,
    cognito: readCognito(lambda),
  };
}
