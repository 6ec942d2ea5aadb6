/**
 * GetParameter as the handler calls it, through AWS's own SSM client: the function's SecureString read
 * with decryption by its role session, the answer's shape and headers, and the KMS rule of each kind of
 * key (ssm/authorize.ts).
 */
import { GetParameterCommand, ParameterNotFound } from "@aws-sdk/client-ssm";
import { afterEach, expect, it } from "vitest";
import { kmsKeyArn } from "../aws/arns.js";
import { postRaw, type RunningSsm, startSsm } from "./test-support/ssm-harness.js";

const NAME = "/chatbot/gemini-api-key";
const PARAMETER_ARN = "arn:aws:ssm:us-east-1:123456789012:parameter/chatbot/gemini-api-key";
const ROLE_SESSION = "arn:aws:sts::123456789012:assumed-role/chatbot-query-execution/chatbot-query";
const CMK = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
let running: RunningSsm | undefined;

afterEach(async () => {
  await running?.close();
  running = undefined;
});

it("answers the function's SecureString, decrypted, to its role session (as terraform/iam.tf allows)", async () => {
  running = await startSsm();
  const before = Date.now() / 1000;
  const { Parameter } = await running
    .client()
    .send(new GetParameterCommand({ Name: NAME, WithDecryption: true }));
  expect(Parameter).toMatchObject({
    ARN: PARAMETER_ARN,
    DataType: "text",
    Name: NAME,
    Type: "SecureString",
    Value: running.config.gemini.apiKey,
    Version: 1,
  });
  expect((Parameter?.LastModifiedDate?.getTime() ?? 0) / 1000).toBeLessThanOrEqual(before + 1);
  expect(running.server.calls).toEqual([
    { operation: "GetParameter", caller: ROLE_SESSION, name: NAME, outcome: "ok" },
  ]);
  // The value is never logged.
  expect(running.logs.join("\n")).not.toContain(running.config.gemini.apiKey);
});

it("speaks AWS JSON 1.1: the content type without a charset, a request id, epoch-seconds timestamps", async () => {
  running = await startSsm();
  const answer = await postRaw(running, "GetParameter", JSON.stringify({ Name: NAME, WithDecryption: true }));
  expect(answer.status).toBe(200);
  expect(answer.headers.get("content-type")).toBe("application/x-amz-json-1.1");
  expect(answer.headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f-]{36}$/);
  const { Parameter } = JSON.parse(answer.text) as { Parameter: Record<string, unknown> };
  expect(Object.keys(Parameter).sort()).toEqual([
    "ARN",
    "DataType",
    "LastModifiedDate",
    "Name",
    "Type",
    "Value",
    "Version",
  ]);
  expect(typeof Parameter.LastModifiedDate).toBe("number");
});

it("finds the parameter by its ARN too; another name is ParameterNotFound, 400 without a message", async () => {
  running = await startSsm((c) => {
    // Allowed on every parameter, so the missing one gets as far as the lookup.
    c.functionUrl.executionRole.statements.push({
      Effect: "Allow",
      Action: "ssm:GetParameter",
      Resource: "arn:aws:ssm:us-east-1:123456789012:parameter/*",
    });
  });
  const byArn = await running
    .client()
    .send(new GetParameterCommand({ Name: PARAMETER_ARN, WithDecryption: true }));
  expect(byArn.Parameter?.Name).toBe(NAME);
  const missing = running
    .client()
    .send(new GetParameterCommand({ Name: "/chatbot/other", WithDecryption: true }));
  await expect(missing).rejects.toBeInstanceOf(ParameterNotFound);
  await expect(missing).rejects.toMatchObject({ $metadata: { httpStatusCode: 400 } });
  const raw = await postRaw(running, "GetParameter", JSON.stringify({ Name: "/chatbot/other" }));
  expect([raw.status, raw.text]).toEqual([400, '{"__type":"ParameterNotFound"}']);
});

it("the SDK finds the service through AWS_ENDPOINT_URL_SSM, as the function's environment gives it", async () => {
  running = await startSsm();
  const { SSMClient } = await import("@aws-sdk/client-ssm");
  const saved = process.env.AWS_ENDPOINT_URL_SSM;
  process.env.AWS_ENDPOINT_URL_SSM = running.url;
  const client = new SSMClient({ region: "us-east-1", credentials: running.config.credentials.functionRole });
  try {
    const { Parameter } = await client.send(new GetParameterCommand({ Name: NAME, WithDecryption: true }));
    expect(Parameter?.Value).toBe(running.config.gemini.apiKey);
  } finally {
    client.destroy();
    if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_SSM;
    else process.env.AWS_ENDPOINT_URL_SSM = saved;
  }
});

it("a customer managed key needs kms:Decrypt in the role's policy, through SSM only", async () => {
  const decrypt = (viaRegion: string) => ({
    Effect: "Allow" as const,
    Action: "kms:Decrypt",
    Resource: CMK,
    Condition: { StringEquals: { "kms:ViaService": `ssm.${viaRegion}.amazonaws.com` } },
  });
  running = await startSsm((c) => {
    c.ssm.parameterKmsKeyArn = CMK;
  });
  await expect(
    running.client().send(new GetParameterCommand({ Name: NAME, WithDecryption: true })),
  ).rejects.toMatchObject({
    name: "AccessDeniedException",
    $metadata: { httpStatusCode: 400 },
    message: expect.stringMatching(
      new RegExp(
        `^User: ${ROLE_SESSION} is not authorized to perform: kms:Decrypt on resource: ${CMK} because no identity-based policy allows the kms:Decrypt action \\(Service: AWSKMS; Status Code: 400; Error Code: AccessDeniedException; Request ID: [0-9a-f-]{36}; Proxy: null\\)$`,
      ),
    ),
  });
  await running.close();
  running = await startSsm((c) => {
    c.ssm.parameterKmsKeyArn = CMK;
    c.functionUrl.executionRole.statements.push(decrypt("eu-west-1"));
  });
  await expect(
    running.client().send(new GetParameterCommand({ Name: NAME, WithDecryption: true })),
  ).rejects.toMatchObject({ name: "AccessDeniedException" });
  await running.close();
  running = await startSsm((c) => {
    c.ssm.parameterKmsKeyArn = CMK;
    c.functionUrl.executionRole.statements.push(decrypt("us-east-1"));
  });
  const { Parameter } = await running
    .client()
    .send(new GetParameterCommand({ Name: NAME, WithDecryption: true }));
  expect(Parameter?.Value).toBe(running.config.gemini.apiKey);
});

it("the AWS managed key needs no kms:Decrypt grant (its key policy), unless the harsher reading is on", async () => {
  const withoutDecrypt = (c: RunningSsm["config"]) => {
    c.functionUrl.executionRole.statements = c.functionUrl.executionRole.statements.filter(
      (s) => s.Sid !== "DecryptGeminiKeyParameter",
    );
  };
  running = await startSsm(withoutDecrypt);
  const read = () => running?.client().send(new GetParameterCommand({ Name: NAME, WithDecryption: true }));
  expect((await read())?.Parameter?.Value).toBe(running.config.gemini.apiKey);
  await running.close();
  running = await startSsm((c) => {
    withoutDecrypt(c);
    c.ssm.requireDecryptOnAwsManagedKey = true;
  });
  const managedKey = kmsKeyArn("us-east-1", "123456789012", running.config.ssm.awsManagedKeyId);
  await expect(read()).rejects.toMatchObject({
    name: "AccessDeniedException",
    message: expect.stringContaining(
      `kms:Decrypt on resource: ${managedKey} because no identity-based policy`,
    ),
  });
  // With the grant terraform/iam.tf writes, both readings read it.
  await running.close();
  running = await startSsm((c) => {
    c.ssm.requireDecryptOnAwsManagedKey = true;
  });
  expect((await read())?.Parameter?.Value).toBe(running.config.gemini.apiKey);
});
