/**
 * AWS's signer (through `sigv4-sign.ts`) and the canonicaliser written here (`sigv4-canonical.ts`)
 * must agree on the queries that are easy to get wrong: repeated names, `+`, bad percent-encoding,
 * UTF-8, bare names. The verifier relies on the second; OAC and every test client on the first.
 */
import { describe, expect, it } from "vitest";
import {
  canonicalRequest,
  credentialScope,
  EMPTY_BODY_SHA256,
  sha256Hex,
  signatureOf,
  stringToSign,
} from "./sigv4-canonical.js";
import { presignQuery, queryForSigning, signRequest, signSigV4Headers } from "./sigv4-sign.js";

const credentials = { accessKeyId: "AKIDTOOLKIT", secretAccessKey: `secret-${Math.random()}` };
const signingDate = new Date(Date.UTC(2026, 0, 15, 12, 0, 0));
const HOST = "abc.lambda-url.eu-west-1.on.aws";
const QUERIES = ["a=1&a=3&a=2&b", "q=x+y&r=%ZZ&s=%E2%82%AC", "z=&y=%2B&x=a%20b", ""];

function ourSignature(
  path: string,
  query: string,
  headers: Record<string, string>,
  signedHeaders: string[],
  payloadHash: string,
  omit?: ReadonlySet<string>,
) {
  const canonical = canonicalRequest({
    method: "GET",
    path,
    query,
    headers,
    signedHeaders,
    payloadHash,
    ...(omit ? { omitQuery: omit } : {}),
  });
  const scope = credentialScope("20260115", "eu-west-1", "lambda");
  return signatureOf(
    credentials.secretAccessKey,
    "20260115",
    "eu-west-1",
    "lambda",
    stringToSign("20260115T120000Z", scope, canonical),
  );
}

describe("the one signer agrees with the canonicaliser", () => {
  it.each(QUERIES)("header signature over the query %j", async (rawQuery) => {
    const signed = await signSigV4Headers({
      credentials,
      region: "eu-west-1",
      service: "lambda",
      host: HOST,
      method: "GET",
      path: "/chat%20bot/./x",
      rawQuery,
      payloadHash: EMPTY_BODY_SHA256,
      signingDate,
    });
    const headers = { host: HOST, ...signed };
    const expected = ourSignature(
      "/chat%20bot/./x",
      rawQuery,
      headers,
      ["host", "x-amz-content-sha256", "x-amz-date"],
      EMPTY_BODY_SHA256,
    );
    expect(signed.authorization).toBe(
      `AWS4-HMAC-SHA256 Credential=AKIDTOOLKIT/20260115/eu-west-1/lambda/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=${expected}`,
    );
  });

  it.each(QUERIES)("presigned URL over the query %j", async (rawQuery) => {
    const query = await presignQuery(
      { method: "GET", host: HOST, path: "/chatbot", rawQuery },
      { credentials, region: "eu-west-1", service: "lambda", signingDate, expiresInSeconds: 60 },
    );
    const signature = new URLSearchParams(query).get("X-Amz-Signature");
    const expected = ourSignature(
      "/chatbot",
      query,
      { host: HOST },
      ["host"],
      EMPTY_BODY_SHA256,
      new Set(["X-Amz-Signature"]),
    );
    expect(signature).toBe(expected);
  });

  it("signs a body's hash when asked to add x-amz-content-sha256, and none without", async () => {
    const body = "{}";
    const withHash = await signRequest(
      { method: "POST", host: HOST, path: "/", body },
      { credentials, region: "eu-west-1", service: "lambda", signingDate },
    );
    expect(withHash["x-amz-content-sha256"]).toBe(sha256Hex(body));
    const without = await signRequest(
      { method: "POST", host: HOST, path: "/", body },
      { credentials, region: "eu-west-1", service: "lambda", signingDate, applyChecksum: false },
    );
    expect(without["x-amz-content-sha256"]).toBeUndefined();
    expect(without.authorization).toContain("SignedHeaders=host;x-amz-date,");
  });

  it("hands repeated names to AWS's signer in order, decoded as the verifier decodes them", () => {
    expect(queryForSigning("a=1&a=2&a=3&p=x+y&e")).toEqual({ a: ["1", "2", "3"], p: "x+y", e: "" });
  });
});
