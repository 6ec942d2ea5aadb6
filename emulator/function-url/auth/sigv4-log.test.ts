/**
 * A SigV4 refusal is logged so a developer can act on it: which check failed, AWS's answer in its own words
 * (docs/platform-facts.md#function-url-errors) and the access key id; at debug level the canonical request
 * and string-to-sign the verifier built, which for a wrong secret are exactly the client's (diffable against
 * `aws4`'s `canonicalString()` / `stringToSign()`). Never a signature, secret or token.
 */
import { createHash } from "node:crypto";
import aws4 from "aws4";
import { afterEach, expect, it } from "vitest";
import {
  fixtureHandlerConfig,
  type Running,
  send,
  sendSigned,
  startFunctionUrl,
} from "../test-support/harness.js";
import { redactCanonicalRequest } from "./sigv4-log.js";

let running: Running | undefined;
afterEach(async () => {
  await running?.server.close();
  running = undefined;
});

const SIGNATURE_MISMATCH =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

/** Signs with `aws4` (a client independent of the verifier) and sends; returns the client's view. */
async function sendWithAws4(
  target: Running,
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
  headers: Record<string, string> = {},
) {
  const body = JSON.stringify({ query: "hi" });
  const request = {
    host: target.domain,
    path: "/chatbot?b=2&a=1",
    method: "POST",
    service: "lambda",
    region: "us-east-1",
    body,
    headers: { "content-type": "application/json", ...headers },
  };
  const signer = new aws4.RequestSigner(request, credentials);
  signer.sign();
  const signed = request.headers as Record<string, string>;
  const res = await send(target.port, { method: "POST", path: request.path, headers: signed, body });
  return {
    res,
    authorization: signed.Authorization ?? "",
    canonical: signer.canonicalString(),
    stringToSign: signer.stringToSign(),
  };
}

function secretsOf(authorization: string, ...more: string[]): string[] {
  const signature = /Signature=([0-9a-f]{64})/.exec(authorization)?.[1];
  expect(signature).toBeDefined();
  return [signature ?? "", ...more];
}

/** Starts a Function URL, sends the CloudFront key with a wrong secret, and returns what was sent and logged. */
async function refusedWrongSecret(logLevel: "info" | "debug") {
  running = await startFunctionUrl(fixtureHandlerConfig(), { logLevel });
  const { cloudfront } = running.config.credentials;
  const wrongSecret = `${cloudfront.secretAccessKey.slice(0, -4)}XXXX`;
  const sent = await sendWithAws4(running, {
    accessKeyId: cloudfront.accessKeyId,
    secretAccessKey: wrongSecret,
  });
  expect(sent.res.status).toBe(403);
  return { cloudfront, wrongSecret, sent, logs: running.logs, logged: running.logs.join("\n") };
}

it("logs a wrong secret's refusal with the failed check, AWS's words and the key id; nothing signed over at info", async () => {
  const { cloudfront, wrongSecret, sent, logged, logs } = await refusedWrongSecret("info");
  expect(logs).toContain(
    `AWS_IAM refused (signature-mismatch, access key ${cloudfront.accessKeyId}): InvalidSignatureException: ${SIGNATURE_MISMATCH}`,
  );
  expect(logged).not.toContain("canonical request");
  for (const secret of secretsOf(sent.authorization, wrongSecret, cloudfront.secretAccessKey)) {
    expect(logged).not.toContain(secret);
  }
});

it("at debug level logs the canonical request and string-to-sign, equal to the client's", async () => {
  const { cloudfront, wrongSecret, sent, logged } = await refusedWrongSecret("debug");
  const indented = (text: string) =>
    text
      .split("\n")
      .map((l) => `  ${l}`)
      .join("\n");
  expect(logged).toContain(`diff it against your client's):\n${indented(sent.canonical)}\n`);
  expect(logged).toContain(`SigV4 string to sign:\n${indented(sent.stringToSign)}`);
  // The string to sign ends with the canonical request's hash: the two logged texts belong together.
  expect(sent.stringToSign.endsWith(createHash("sha256").update(sent.canonical).digest("hex"))).toBe(true);
  for (const secret of secretsOf(sent.authorization, wrongSecret, cloudfront.secretAccessKey)) {
    expect(logged).not.toContain(secret);
  }
});

it("at debug level redacts a signed session token and a forwarded bearer token in the canonical request", async () => {
  running = await startFunctionUrl(fixtureHandlerConfig(), { logLevel: "debug" });
  const { cloudfront } = running.config.credentials;
  const sessionToken = "FwoGZXIvYXdzEJr-session-token-value";
  const bearer = "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";
  const sent = await sendWithAws4(
    running,
    { accessKeyId: cloudfront.accessKeyId, secretAccessKey: cloudfront.secretAccessKey, sessionToken },
    { "x-forwarded-authorization": bearer },
  );
  // The configured credential has no session token: refused before the signature is checked.
  expect(sent.res.status).toBe(403);
  const logged = running.logs.join("\n");
  expect(logged).toContain(`AWS_IAM refused (invalid-security-token, access key ${cloudfront.accessKeyId})`);
  for (const secret of secretsOf(sent.authorization, sessionToken, bearer, cloudfront.secretAccessKey)) {
    expect(logged).not.toContain(secret);
  }
  // A token-bearing header that reaches the signature check is redacted in what is logged.
  expect(redactCanonicalRequest(sent.canonical)).toContain("x-amz-security-token:<redacted>");
  expect(redactCanonicalRequest(sent.canonical)).toContain("x-forwarded-authorization:<redacted>");
  expect(redactCanonicalRequest(sent.canonical)).not.toContain(sessionToken);
  expect(redactCanonicalRequest(sent.canonical)).not.toContain(bearer);
});

it("at debug level a signed bearer header reaching the signature check is logged redacted", async () => {
  running = await startFunctionUrl(fixtureHandlerConfig(), { logLevel: "debug" });
  const { cloudfront } = running.config.credentials;
  const bearer = "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJib2IifQ.c2lnbmF0dXJl";
  const wrongSecret = `${cloudfront.secretAccessKey.slice(0, -4)}XXXX`;
  const sent = await sendWithAws4(
    running,
    { accessKeyId: cloudfront.accessKeyId, secretAccessKey: wrongSecret },
    { "x-forwarded-authorization": bearer },
  );
  expect(sent.res.status).toBe(403);
  const logged = running.logs.join("\n");
  expect(logged).toContain("  x-forwarded-authorization:<redacted>");
  for (const secret of secretsOf(sent.authorization, bearer, wrongSecret))
    expect(logged).not.toContain(secret);
});

it("names the check that failed before any signing (a wrong region), with the key id", async () => {
  running = await startFunctionUrl(fixtureHandlerConfig(), { logLevel: "debug" });
  const res = await sendSigned(running, { path: "/chatbot", body: "{}" }, { region: "eu-west-1" });
  expect(res.status).toBe(403);
  const key = running.config.credentials.cloudfront.accessKeyId;
  expect(running.logs).toContain(
    `AWS_IAM refused (wrong-region, access key ${key}): InvalidSignatureException: Credential should be scoped to a valid region, not 'eu-west-1'. `,
  );
  // Nothing was signed over yet, so there is nothing to diff.
  expect(running.logs.join("\n")).not.toContain("canonical request");
});

it("an unsigned call is logged with AWS's Forbidden text and no key id", async () => {
  running = await startFunctionUrl(fixtureHandlerConfig());
  const res = await send(running.port, { method: "GET", path: "/", headers: { host: running.domain } });
  expect(res.status).toBe(403);
  expect(
    running.logs.some((l) =>
      l.startsWith("AWS_IAM refused (missing-authorization): AccessDeniedException: Forbidden."),
    ),
  ).toBe(true);
});
