/** The `aws_lambda_permission`s on the function: its resource-based policy. */
import { TerraformNotEmulatedError } from "./errors.js";
import type { LambdaAction, LambdaPermission } from "./facts.js";
import type { ModuleReader } from "./module-reader.js";
import { toStringValue } from "./values.js";

const EMULATED_ACTIONS = ["lambda:InvokeFunctionUrl", "lambda:InvokeFunction", "lambda:*"];

/** Statements whose `function_name` is the function's name or its ARN, in file order. */
export async function readPermissions(
  reader: ModuleReader,
  functionName: string,
  functionArn: string,
): Promise<LambdaPermission[]> {
  const permissions: LambdaPermission[] = [];
  for (const block of await reader.live("aws_lambda_permission")) {
    const target = await reader.string(block, ["function_name"]);
    if (target !== functionName && target !== functionArn) continue;
    const action = await reader.string(block, ["action"]);
    if (!EMULATED_ACTIONS.includes(action)) {
      throw new TerraformNotEmulatedError(reader.at(block, ["action"]), `permission action ${action}`);
    }
    const permission: LambdaPermission = {
      statementId: ((await reader.optional(block, ["statement_id"])) as string | null) ?? block.name,
      action: action as LambdaAction | "lambda:*",
      principal: await reader.string(block, ["principal"]),
    };
    const sourceArn = await reader.optional(block, ["source_arn"]);
    if (sourceArn !== null) permission.sourceArn = toStringValue(sourceArn);
    const authType = await reader.optional(block, ["function_url_auth_type"]);
    if (authType === "AWS_IAM" || authType === "NONE") permission.functionUrlAuthType = authType;
    permissions.push(permission);
  }
  return permissions;
}
