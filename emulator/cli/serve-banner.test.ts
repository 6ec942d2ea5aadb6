/** What `npm run serve -- <service>` prints after its address (what the per-service scripts printed before). */
import { expect, it } from "vitest";
import { defaultConfig, functionUrlDomain } from "../config/defaults.js";
import type { RunningStack } from "../stack/running-stack.js";
import { runtimeLine } from "./runtime-line.js";
import { serviceBanner } from "./serve-banner.js";

function runningAt(service: keyof RunningStack["urls"], url: string): RunningStack {
  const config = defaultConfig();
  return {
    config,
    urls: { [service]: url },
    endpoint: "",
    cognito: { issuer: `https://cognito-idp.us-east-1.amazonaws.com/${config.cognito.userPoolId}` },
    close: async () => {},
  } as RunningStack;
}

it("cognito: the pool, client and issuer, the JWKS URL, and every demo user", () => {
  const stack = runningAt("cognito", "http://127.0.0.1:9229");
  const { userPoolId, clientId } = stack.config.cognito;
  expect(serviceBanner("cognito", stack)).toEqual([
    `user pool ${userPoolId}, app client ${clientId}, issuer https://cognito-idp.us-east-1.amazonaws.com/${userPoolId}`,
    `JWKS http://127.0.0.1:9229/${userPoolId}/.well-known/jwks.json`,
    "user alice / Alice-Pass-1",
    "user bob / Bob-Pass-1",
  ]);
});

it("gemini: the models and the stub's endpoints at its address", () => {
  const lines = serviceBanner("gemini", runningAt("gemini", "http://127.0.0.1:8089"));
  expect(lines[0]).toMatch(/^models: gemini-/);
  expect(lines).toContain(
    "POST http://127.0.0.1:8089/v1beta/models/{model}:streamGenerateContent?alt=sse   key: x-goog-api-key",
  );
  expect(lines).toContain(
    "GET|DELETE http://127.0.0.1:8089/_stub/requests   GET|PUT http://127.0.0.1:8089/_stub/scenario",
  );
});

it("function-url: each function's virtual host; cloudfront: the origin and each behaviour's function", () => {
  const fn = runningAt("functionUrl", "http://127.0.0.1:9001");
  expect(serviceBanner("functionUrl", fn)).toEqual([
    `virtual host ${functionUrlDomain(fn.config)}   chatbot-query (AWS_IAM, RESPONSE_STREAM)`,
    `Lambda runtime ${runtimeLine("ric", "nodejs24.x")}`,
  ]);
  const cf = runningAt("cloudfront", "http://127.0.0.1:8080");
  const { host, port } = cf.config.functionUrl;
  const lines = serviceBanner("cloudfront", cf);
  expect(lines[0]).toBe(`origin ${host}:${port} (the Function URL service)`);
  expect(lines.find((l) => l.startsWith("Default (*)"))).toMatch(
    /^Default \(\*\)\s+-> chatbot-query\s+AWS_IAM, RESPONSE_STREAM\s+OAC always\s+function chatbot-forward-authorization\s+/,
  );
});

it("ssm: the one operation it answers at its address, the parameter Terraform declares and the role", () => {
  expect(serviceBanner("ssm", runningAt("ssm", "http://127.0.0.1:9010"))).toEqual([
    "POST http://127.0.0.1:9010/ with X-Amz-Target: AmazonSSM.GetParameter (AWS JSON 1.1, SigV4 service ssm); a function's AWS_ENDPOINT_URL_SSM",
    "parameter /chatbot/gemini-api-key (SecureString), readable by the role chatbot-query-execution as its policy allows",
  ]);
});
