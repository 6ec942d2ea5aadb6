/**
 * The execution role and the parameter's key, as the module writes them, reach the stack's config: the
 * emulated SSM checks the function's calls against exactly these statements (emulator/ssm/authorize.ts).
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { expect, it } from "vitest";
import { MODULE_DIR } from "../../terraform/test/test-support/module-fixture.js";
import { kmsKeyArn } from "../aws/arns.js";
import { TerraformNotEmulatedError } from "../terraform/errors.js";
import { defaultConfig } from "./defaults.js";
import { load, moduleFixtures } from "./test-support/terraform-module.js";

const fixture = moduleFixtures();
const CMK = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

it("the real module gives the role, its three statements, the AWS managed key standing in for alias/aws/ssm", async () => {
  const config = await load(MODULE_DIR);
  const role = config.functionUrl.executionRole;
  expect(role.name).toBe("chatbot-query-execution");
  expect(role.statements.map((s) => s.Sid)).toEqual([
    "WriteOwnLogs",
    "ReadGeminiKeyParameter",
    "DecryptGeminiKeyParameter",
  ]);
  const decrypt = role.statements[2];
  expect(decrypt?.Resource).toEqual([kmsKeyArn("us-east-1", "123456789012", config.ssm.awsManagedKeyId)]);
  expect(config.ssm.parameterKmsKeyArn).toBeUndefined();
  // The pinned defaults mirror the module, so a stack without Terraform checks the same rules.
  expect(role).toEqual(defaultConfig().functionUrl.executionRole);
});

it("a module without ssm:GetParameter on the role gives a role without it", async () => {
  const dir = await fixture([
    {
      file: "iam.tf",
      find: 'actions   = ["ssm:GetParameter"]',
      replace: 'actions   = ["ssm:DescribeParameters"]',
    },
  ]);
  const { statements } = (await load(dir)).functionUrl.executionRole;
  expect(statements.flatMap((s) => s.Action)).not.toContain("ssm:GetParameter");
  expect(statements.flatMap((s) => s.Action)).toContain("ssm:DescribeParameters");
});

it("a customer managed key named in tfvars encrypts the parameter and is the key the role may decrypt", async () => {
  const dir = await fixture([]);
  const tfvars = path.join(dir, "test.tfvars");
  await writeFile(tfvars, `gemini_api_key_kms_key_arn = "${CMK}"\n`);
  const config = await load(dir, tfvars);
  expect(config.ssm.parameterKmsKeyArn).toBe(CMK);
  expect(config.functionUrl.executionRole.statements[2]?.Resource).toEqual([CMK]);
});

it("a managed policy attached to the role is a gap, reported at its line", async () => {
  const dir = await fixture([
    {
      file: "iam.tf",
      find: 'resource "aws_iam_role_policy" "chatbot" {',
      replace: `resource "aws_iam_role_policy_attachment" "basic" {
  role       = aws_iam_role.chatbot.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}

resource "aws_iam_role_policy" "chatbot" {`,
    },
  ]);
  await expect(load(dir)).rejects.toThrow(TerraformNotEmulatedError);
  await expect(load(dir)).rejects.toThrow(
    /iam\.tf:\d+: not emulated: a managed policy attached to the execution role/,
  );
});
