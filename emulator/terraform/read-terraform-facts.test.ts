/**
 * The reader on its own: the real module in, plain facts out, with the caller's stand-ins wherever the
 * module refers to values only AWS knows. (What the facts do to the stack's configuration is tested
 * with the loader, `emulator/config/terraform-overlay-*.test.ts`.)
 */
import path from "node:path";
import { expect, it } from "vitest";
import { MODULE_DIR } from "../../terraform/test/test-support/module-fixture.js";
import type { LocalStandIns } from "./facts.js";
import { readTerraformFacts } from "./read-terraform-facts.js";

// Deliberately unlike the stack's defaults, so each value found below can only come from here.
const STAND_INS: LocalStandIns = {
  accountId: "210987654321",
  region: "eu-north-1",
  distribution: {
    id: "EFACTS0000TEST",
    domainName: "dfacts.cloudfront.net",
    arn: "arn:aws:cloudfront::210987654321:distribution/EFACTS0000TEST",
  },
  functionUrls: { "chatbot-query": "factsurlid" },
  environment: { COGNITO_USER_POOL_ID: "eu-north-1_Facts", COGNITO_CLIENT_ID: "facts-client" },
  kmsAliases: { "alias/aws/ssm": "arn:aws:kms:eu-north-1:210987654321:key/facts-managed-key" },
};

it("returns plain data: the facts survive a JSON round trip unchanged (no class instances inside)", async () => {
  const facts = await readTerraformFacts({ dir: MODULE_DIR, standIns: STAND_INS });
  expect(JSON.parse(JSON.stringify(facts))).toStrictEqual(facts);
  const [fn] = facts.functions;
  expect(facts.functions).toHaveLength(1);
  expect(fn?.lambda.functionName).toBe("chatbot-query");
  expect(fn?.functionUrl.invokeMode).toBe("RESPONSE_STREAM");
  expect(fn?.functionUrl.urlId).toBe("factsurlid");
  expect(fn?.lambda.code.zipFile).toBe(path.resolve(MODULE_DIR, "../dist/chatbot-query.zip"));
  const [dist] = facts.distributions;
  expect(dist?.viewerRequestFunction?.runtime).toBe("cloudfront-js-2.0");
  expect(dist).toMatchObject({ id: "EFACTS0000TEST", originFunction: "chatbot-query", orderedBehaviors: [] });
});

it("uses the caller's stand-ins for the distribution ARN and the Cognito stack's outputs", async () => {
  const facts = await readTerraformFacts({ dir: MODULE_DIR, standIns: STAND_INS });
  const [fn] = facts.functions;
  expect(new Set(fn?.permissions.map((p) => p.sourceArn))).toEqual(new Set([STAND_INS.distribution.arn]));
  expect(fn?.lambda.environment.COGNITO_USER_POOL_ID).toBe("eu-north-1_Facts");
  expect(facts.cognito).toEqual({ userPoolId: "eu-north-1_Facts", clientId: "facts-client" });
});

it("returns the execution role and its inline policy as IAM renders it, the AWS managed key standing in", async () => {
  const { functions, parameterKey } = await readTerraformFacts({
    dir: MODULE_DIR,
    standIns: STAND_INS,
    parameterKeyVariable: "gemini_api_key_kms_key_arn",
  });
  const executionRole = functions[0]?.executionRole;
  expect(executionRole?.name).toBe("chatbot-query-execution");
  expect(executionRole?.arn).toBe("arn:aws:iam::210987654321:role/chatbot-query-execution");
  expect(executionRole?.statements).toEqual([
    {
      Sid: "WriteOwnLogs",
      Effect: "Allow",
      Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: ["arn:aws:logs:eu-north-1:210987654321:log-group:/aws/lambda/chatbot-query:*"],
    },
    {
      Sid: "ReadGeminiKeyParameter",
      Effect: "Allow",
      Action: ["ssm:GetParameter"],
      // var.aws_region and the caller identity's account, as iam.tf builds the ARN from the name.
      Resource: ["arn:aws:ssm:us-east-1:210987654321:parameter/chatbot/gemini-api-key"],
    },
    {
      Sid: "DecryptGeminiKeyParameter",
      Effect: "Allow",
      Action: ["kms:Decrypt"],
      Resource: [STAND_INS.kmsAliases["alias/aws/ssm"]],
      Condition: { StringEquals: { "kms:ViaService": ["ssm.us-east-1.amazonaws.com"] } },
    },
  ]);
  expect(parameterKey).toEqual({});
});
