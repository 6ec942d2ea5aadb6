/**
 * The function's execution role: the `aws_iam_role` its `role` names, and the statements of the role's
 * inline policies (`aws_iam_role_policy`, whose `policy` is a JSON document: usually an
 * `aws_iam_policy_document`'s `json`). Managed policy attachments are a gap: their statements live in
 * AWS, so leaving them out would deny what the deployed role may do, and guessing them would allow
 * what it may not.
 */

import { iamRoleArn } from "../aws/arns.js";
import type { IamStatement } from "../aws/iam-policy.js";
import { TerraformNotEmulatedError, TerraformValueError } from "./errors.js";
import type { ExecutionRoleFacts, LocalStandIns, ParameterKeyFacts } from "./facts.js";
import type { TerraformBlock } from "./module-loader.js";
import type { ModuleReader } from "./module-reader.js";
import { ResourceRef, toStringValue } from "./values.js";

/**
 * True when the block's `attr` names the role: a reference to `aws_iam_role.<name>` (its `id` or `arn`), or
 * the role's name, which a reference to its `name` argument evaluates to (known at plan time).
 */
async function refersToRole(reader: ModuleReader, block: TerraformBlock, attr: string, role: TerraformBlock) {
  const value = await reader.evaluator.evaluate(block.body[attr], reader.at(block, [attr]));
  if (value instanceof ResourceRef) return value.type === "aws_iam_role" && value.name === role.name;
  return typeof value === "string" && value === (await reader.string(role, ["name"]));
}

function statementsOf(document: string, at: ReturnType<ModuleReader["at"]>): IamStatement[] {
  let parsed: { Statement?: IamStatement | IamStatement[] };
  try {
    parsed = JSON.parse(document) as typeof parsed;
  } catch {
    throw new TerraformValueError(at, "policy is not a JSON policy document");
  }
  const statements = parsed.Statement ?? [];
  return Array.isArray(statements) ? statements : [statements];
}

async function inlineStatements(reader: ModuleReader, role: TerraformBlock): Promise<IamStatement[]> {
  const statements: IamStatement[] = [];
  for (const policy of await reader.live("aws_iam_role_policy")) {
    if (!(await refersToRole(reader, policy, "role", role))) continue;
    const at = reader.at(policy, ["policy"]);
    const document = await reader.evaluator.evaluate(policy.body.policy, at);
    if (typeof document !== "string") {
      throw new TerraformNotEmulatedError(
        at,
        `aws_iam_role_policy.${policy.name}.policy that is not a JSON document the reader can render (an aws_iam_policy_document's json)`,
      );
    }
    statements.push(...statementsOf(document, at));
  }
  return statements;
}

async function refuseManagedPolicies(reader: ModuleReader, role: TerraformBlock): Promise<void> {
  for (const name of ["managed_policy_arns", "inline_policy"]) {
    if (role.body[name] !== undefined) {
      throw new TerraformNotEmulatedError(reader.at(role, [name]), `aws_iam_role ${name}`);
    }
  }
  for (const attachment of await reader.live("aws_iam_role_policy_attachment")) {
    if (await refersToRole(reader, attachment, "role", role)) {
      throw new TerraformNotEmulatedError(
        reader.at(attachment, ["policy_arn"]),
        "a managed policy attached to the execution role (its statements are only known to AWS)",
      );
    }
  }
}

export async function readExecutionRole(
  reader: ModuleReader,
  lambda: TerraformBlock,
  local: LocalStandIns,
): Promise<ExecutionRoleFacts> {
  const at = reader.at(lambda, ["role"]);
  const ref = await reader.evaluator.evaluate(lambda.body.role, at);
  if (!(ref instanceof ResourceRef) || ref.type !== "aws_iam_role") {
    throw new TerraformNotEmulatedError(at, "an execution role that is not an aws_iam_role of this module");
  }
  const role = await reader.referenced(ref, "aws_iam_role", at);
  await refuseManagedPolicies(reader, role);
  const name = await reader.string(role, ["name"]);
  return { name, arn: iamRoleArn(local.accountId, name), statements: await inlineStatements(reader, role) };
}

/**
 * Which KMS key encrypts the functions' SecureString parameters: the module's input `variableName`
 * names it (its key is set outside Terraform), else SSM's default managed key.
 */
export async function readParameterKey(
  reader: ModuleReader,
  variableName: string | undefined,
): Promise<ParameterKeyFacts> {
  const variable = variableName === undefined ? undefined : reader.mod.variables.get(variableName);
  if (!variable) return {};
  const value = await reader.evaluator.evaluate(`\${var.${variable.name}}`, variable.at);
  return value === null ? {} : { customerManagedKeyArn: toStringValue(value) };
}
