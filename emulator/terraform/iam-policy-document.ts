/**
 * `data "aws_iam_policy_document"`: the AWS provider renders it locally at plan time (Terraform AWS
 * provider docs, data source `aws_iam_policy_document`), so the reader can too. Its `json` attribute is
 * the policy in IAM's JSON spelling; the parts a module like ours uses are rendered, anything else is a
 * gap, reported at its line rather than left out (a skipped `not_actions` would grant more than IAM).
 *
 * @example
 * await renderPolicyDocument(reader, dataBlock); // '{"Version":"2012-10-17","Statement":[...]}'
 */
import type { IamStatement } from "../aws/iam-policy.js";
import { TerraformNotEmulatedError, TerraformValueError } from "./errors.js";
import { asArray, asRecord, type HclBody, type TerraformBlock } from "./module-loader.js";
import type { ModuleReader } from "./module-reader.js";
import { isKnown, toStringValue, type Value } from "./values.js";

/** Arguments of the data source and of its `statement` blocks that are not rendered here. */
const DOCUMENT_NOT_EMULATED = [
  "source_policy_documents",
  "override_policy_documents",
  "source_json",
  "override_json",
];
const STATEMENT_NOT_EMULATED = ["not_actions", "not_resources", "principals", "not_principals"];

async function strings(
  reader: ModuleReader,
  block: TerraformBlock,
  body: HclBody,
  name: string,
): Promise<string[]> {
  const at = reader.at(block, ["statement", name]);
  const value: Value = await reader.evaluator.evaluate(body[name], at);
  if (value === null) return [];
  if (!Array.isArray(value) || !isKnown(value)) {
    throw new TerraformValueError(at, `statement ${name} must be a list the reader can evaluate offline`);
  }
  return value.map(toStringValue);
}

async function conditions(
  reader: ModuleReader,
  block: TerraformBlock,
  body: HclBody,
): Promise<IamStatement["Condition"]> {
  const out: NonNullable<IamStatement["Condition"]> = {};
  for (const raw of asArray(body.condition)) {
    const condition = asRecord(raw);
    const at = reader.at(block, ["statement", "condition"]);
    const test = toStringValue(await reader.evaluator.evaluate(condition.test, at));
    const variable = toStringValue(await reader.evaluator.evaluate(condition.variable, at));
    const values = await strings(reader, block, condition, "values");
    out[test] = { ...out[test], [variable]: values };
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

async function statement(reader: ModuleReader, block: TerraformBlock, body: HclBody): Promise<IamStatement> {
  for (const name of STATEMENT_NOT_EMULATED) {
    if (body[name] !== undefined) {
      throw new TerraformNotEmulatedError(reader.at(block, ["statement", name]), `policy document ${name}`);
    }
  }
  const at = reader.at(block, ["statement"]);
  const effect =
    body.effect === undefined ? "Allow" : toStringValue(await reader.evaluator.evaluate(body.effect, at));
  if (effect !== "Allow" && effect !== "Deny")
    throw new TerraformValueError(at, `statement effect ${effect}`);
  const sid =
    body.sid === undefined ? undefined : toStringValue(await reader.evaluator.evaluate(body.sid, at));
  const condition = await conditions(reader, block, body);
  return {
    ...(sid ? { Sid: sid } : {}),
    Effect: effect,
    Action: await strings(reader, block, body, "actions"),
    Resource: await strings(reader, block, body, "resources"),
    ...(condition ? { Condition: condition } : {}),
  };
}

/** The document's `json`, as the provider renders it (statements in file order). */
export async function renderPolicyDocument(reader: ModuleReader, block: TerraformBlock): Promise<string> {
  for (const name of DOCUMENT_NOT_EMULATED) {
    if (block.body[name] !== undefined) {
      throw new TerraformNotEmulatedError(reader.at(block, [name]), `policy document ${name}`);
    }
  }
  const statements: IamStatement[] = [];
  for (const body of asArray(block.body.statement))
    statements.push(await statement(reader, block, asRecord(body)));
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}
