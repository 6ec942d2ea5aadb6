/**
 * What the emulated SSM refuses, each in SSM's wire form (ssm/errors.ts): the role's policy without
 * ssm:GetParameter, a bad signature, an operation or option it does not emulate, bad input.
 */
import { GetParameterCommand, PutParameterCommand } from "@aws-sdk/client-ssm";
import { afterEach, expect, it } from "vitest";
import { postRaw, type RunningSsm, startSsm } from "./test-support/ssm-harness.js";

const NAME = "/chatbot/gemini-api-key";
const PARAMETER_ARN = "arn:aws:ssm:us-east-1:123456789012:parameter/chatbot/gemini-api-key";
const ROLE_SESSION = "arn:aws:sts::123456789012:assumed-role/chatbot-query-execution/chatbot-query";
let running: RunningSsm | undefined;

afterEach(async () => {
  await running?.close();
  running = undefined;
});

const withoutGetParameter = (c: RunningSsm["config"]) => {
  c.functionUrl.executionRole.statements = c.functionUrl.executionRole.statements.filter(
    (s) => s.Sid !== "ReadGeminiKeyParameter",
  );
};

it("a role without ssm:GetParameter gets IAM's AccessDeniedException, 400, before the parameter is looked up", async () => {
  running = await startSsm(withoutGetParameter);
  const denied = `User: ${ROLE_SESSION} is not authorized to perform: ssm:GetParameter on resource: ${PARAMETER_ARN} because no identity-based policy allows the ssm:GetParameter action`;
  const read = running.client().send(new GetParameterCommand({ Name: NAME, WithDecryption: true }));
  await expect(read).rejects.toMatchObject({
    name: "AccessDeniedException",
    message: denied,
    $metadata: { httpStatusCode: 400 },
  });
  const raw = await postRaw(running, "GetParameter", JSON.stringify({ Name: "/no/such" }));
  expect(raw.status).toBe(400);
  expect(raw.headers.get("x-amzn-errortype")).toBe("AccessDeniedException");
  expect(JSON.parse(raw.text)).toEqual({
    __type: "AccessDeniedException",
    message: `User: ${ROLE_SESSION} is not authorized to perform: ssm:GetParameter on resource: arn:aws:ssm:us-east-1:123456789012:parameter/no/such because no identity-based policy allows the ssm:GetParameter action`,
  });
});

it("an explicit Deny wins over the Allow, and says so", async () => {
  running = await startSsm((c) => {
    c.functionUrl.executionRole.statements.push({ Effect: "Deny", Action: "ssm:Get*", Resource: "*" });
  });
  await expect(
    running.client().send(new GetParameterCommand({ Name: NAME, WithDecryption: true })),
  ).rejects.toMatchObject({
    name: "AccessDeniedException",
    message: `User: ${ROLE_SESSION} is not authorized to perform: ssm:GetParameter on resource: ${PARAMETER_ARN} with an explicit deny in an identity-based policy`,
  });
});

it("checks the signature: a wrong secret, an unknown key, another service's scope, no signature", async () => {
  running = await startSsm();
  const keys = running.config.credentials.functionRole;
  const wrongSecret = running.client({
    ...keys,
    secretAccessKey: "not-the-role-session-secret-000000000000",
  });
  await expect(wrongSecret.send(new GetParameterCommand({ Name: NAME }))).rejects.toMatchObject({
    name: "InvalidSignatureException",
    $metadata: { httpStatusCode: 400 },
  });
  const unknown = running.client({ ...keys, accessKeyId: "ASIAUNKNOWNKEY000001" });
  await expect(unknown.send(new GetParameterCommand({ Name: NAME }))).rejects.toMatchObject({
    name: "UnrecognizedClientException",
    message: "The security token included in the request is invalid.",
  });
  const lambdaScoped = await postRaw(running, "GetParameter", JSON.stringify({ Name: NAME }), {
    service: "lambda",
  });
  expect([lambdaScoped.status, JSON.parse(lambdaScoped.text)]).toEqual([
    400,
    {
      __type: "InvalidSignatureException",
      message: "Credential should be scoped to correct service: 'ssm'. ",
    },
  ]);
  const unsigned = await postRaw(running, "GetParameter", JSON.stringify({ Name: NAME }), { sign: false });
  expect([unsigned.status, JSON.parse(unsigned.text).__type]).toEqual([
    403,
    "MissingAuthenticationTokenException",
  ]);
  expect(running.server.calls.every((c) => c.outcome !== "ok")).toBe(true);
});

it("another operation, a SecureString without decryption, a version selector: NotEmulatedException 501", async () => {
  running = await startSsm();
  const put = running
    .client()
    .send(new PutParameterCommand({ Name: "/x", Value: "v", Type: "String", Overwrite: true }));
  await expect(put).rejects.toMatchObject({
    name: "NotEmulatedException",
    message: "Operation PutParameter is not emulated by the local ssm (emulator/ssm).",
    $metadata: { httpStatusCode: 501 },
  });
  const ciphertext = await postRaw(running, "GetParameter", JSON.stringify({ Name: NAME }));
  expect([ciphertext.status, JSON.parse(ciphertext.text).message]).toEqual([
    501,
    "GetParameter of a SecureString without WithDecryption (SSM answers its ciphertext) is not emulated by the local ssm (emulator/ssm). Read it with WithDecryption: true.",
  ]);
  const selector = await postRaw(
    running,
    "GetParameter",
    JSON.stringify({ Name: `${NAME}:1`, WithDecryption: true }),
  );
  expect([selector.status, JSON.parse(selector.text).__type]).toEqual([501, "NotEmulatedException"]);
});

it("a statement with a condition this emulator cannot decide is a gap (501), not a guess", async () => {
  running = await startSsm((c) => {
    c.functionUrl.executionRole.statements.push({
      Effect: "Deny",
      Action: "ssm:GetParameter",
      Resource: "*",
      Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } },
    });
  });
  const raw = await postRaw(running, "GetParameter", JSON.stringify({ Name: NAME, WithDecryption: true }));
  expect(raw.status).toBe(501);
  expect(JSON.parse(raw.text).message).toContain("condition operator IpAddress");
});

it("bad input: malformed JSON, no Name, an unknown target; nothing reaches the store", async () => {
  running = await startSsm();
  const malformed = await postRaw(running, "GetParameter", "{not json");
  expect([malformed.status, JSON.parse(malformed.text).__type]).toEqual([400, "SerializationException"]);
  const noName = await postRaw(running, "GetParameter", "{}");
  expect([noName.status, JSON.parse(noName.text)]).toEqual([
    400,
    {
      __type: "ValidationException",
      message:
        "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must have length between 1 and 2048",
    },
  ]);
  const res = await fetch(`${running.url}/`, {
    method: "POST",
    headers: { "x-amz-target": "Other.Op" },
    body: "{}",
  });
  expect([res.status, JSON.parse(await res.text()).__type]).toEqual([400, "UnknownOperationException"]);
});

it("a local IAM user (functionUrl.principals) is held to its own policies, and named as itself", async () => {
  const developer = {
    accessKeyId: "AKIALOCALDEVELOPER01",
    secretAccessKey: "localDeveloperSecretAccessKey00000000001",
    sessionToken: "",
  };
  running = await startSsm((c) => {
    c.functionUrl.principals = [
      {
        accessKeyId: developer.accessKeyId,
        secretAccessKey: developer.secretAccessKey,
        arn: "arn:aws:iam::123456789012:user/developer",
        policies: [{ Effect: "Allow", Action: "ssm:GetParameter", Resource: "*" }],
      },
    ];
  });
  const client = running.client(developer);
  const { Parameter } = await client.send(new GetParameterCommand({ Name: NAME, WithDecryption: true }));
  expect(Parameter?.Value).toBe(running.config.gemini.apiKey);
  const intruder = running.config.credentials.others[0];
  if (!intruder) throw new Error("no test principal");
  await expect(
    running.client({ ...intruder, sessionToken: "" }).send(new GetParameterCommand({ Name: NAME })),
  ).rejects.toMatchObject({
    name: "AccessDeniedException",
    message: `User: arn:aws:iam::123456789012:user/intruder is not authorized to perform: ssm:GetParameter on resource: ${PARAMETER_ARN} because no identity-based policy allows the ssm:GetParameter action`,
  });
});
