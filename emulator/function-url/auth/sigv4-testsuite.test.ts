/**
 * Known answers: AWS's published SigV4 test suite (copied from boto/botocore tests/unit/auth/aws4_testsuite,
 * Apache-2.0; docs/platform-facts.md#sigv4-at-a-function-url). The verifier and the canonicaliser run against
 * AWS's own expected canonical requests and signatures, so a canonicalisation mistake shared by the verifier
 * and a client library would still show here.
 */
import { describe, expect, it } from "vitest";
import { canonicalRequest, sha256Hex } from "../../aws/sigv4-canonical.js";
import type { LocalCredential } from "../../config/types.js";
import { loadCase, SUITE, type SuiteCase } from "../test-support/sigv4-testsuite.js";
import { credentialStoreOf } from "./credential-store.js";
import { verifySigV4 } from "./sigv4-verify.js";

/**
 * The cases that pin canonicalisation (query order, header values, paths, a form body), then the rest of the
 * suite that applies to a non-S3 service.
 */
const CASES = [
  "get-vanilla",
  "get-unreserved",
  "get-vanilla-query-order-key-case",
  "get-vanilla-query-order-value",
  "get-vanilla-utf8-query",
  "get-header-value-order",
  "get-header-key-duplicate",
  "get-header-value-trim",
  "get-slashes",
  "post-x-www-form-urlencoded",
  "get-vanilla-query",
  "get-vanilla-empty-query-key",
  "get-vanilla-query-order-key",
  "get-vanilla-query-order-encoded",
  "get-vanilla-query-unreserved",
  "get-utf8",
  "get-space",
  "get-slash",
  "get-slash-dot-slash",
  "get-slash-pointless-dot",
  "get-relative",
  "get-relative-relative",
  "get-special-character",
  "post-vanilla",
  "post-vanilla-query",
  "post-vanilla-empty-query-value",
  "post-header-key-case",
  "post-header-key-sort",
  "post-header-value-case",
  "post-x-www-form-urlencoded-parameters",
  "post-sts-header-before",
  "post-sts-header-after",
];
// Left out: get-header-value-multiline (obsolete line folding, which HTTP/1.1 servers refuse) and
// get-vanilla-with-session-token (its .req carries no token header, its .sreq disagrees with its .authz).

const SESSION_TOKEN_CASES = new Set(["post-sts-header-before", "post-sts-header-after"]);

function storeFor(c: SuiteCase) {
  const credential: LocalCredential = {
    accessKeyId: SUITE.accessKeyId,
    secretAccessKey: SUITE.secretAccessKey,
    principal: "arn:aws:iam::123456789012:user/suite",
    accountId: "123456789012",
    userId: "AIDASUITE",
    ...(SESSION_TOKEN_CASES.has(c.name) ? { sessionToken: c.headers["x-amz-security-token"]?.[0] } : {}),
  };
  return credentialStoreOf([credential]);
}

function signedRequest(c: SuiteCase, authorization: string) {
  return {
    method: c.method,
    path: c.path,
    query: c.query,
    headers: { ...c.headers, authorization },
    body: c.body,
  };
}

const options = { region: SUITE.region, service: SUITE.service, now: SUITE.now };

describe("SigV4 test suite known answers (AWS, via boto/botocore aws4_testsuite)", () => {
  it.each(CASES)("%s: the canonical request is the suite's .creq", (name) => {
    const c = loadCase(name);
    const signedHeaders = /SignedHeaders=([^,]+)/.exec(c.authz)?.[1]?.split(";") ?? [];
    expect(
      canonicalRequest({
        method: c.method,
        path: c.path,
        query: c.query,
        headers: c.headers,
        signedHeaders,
        payloadHash: sha256Hex(c.body),
      }),
    ).toBe(c.creq);
  });

  it.each(CASES)("%s: the suite's Authorization header verifies", async (name) => {
    const c = loadCase(name);
    const result = await verifySigV4(signedRequest(c, c.authz), storeFor(c), options);
    expect(result.ok ? "ok" : result.reason).toBe("ok");
  });

  it.each(CASES)("%s: one byte of the signature changed is refused", async (name) => {
    const c = loadCase(name);
    const last = c.authz.at(-1) === "0" ? "1" : "0";
    const tampered = `${c.authz.slice(0, -1)}${last}`;
    const result = await verifySigV4(signedRequest(c, tampered), storeFor(c), options);
    expect(result.ok ? "ok" : result.reason).toBe("signature-mismatch");
  });

  it("get-vanilla signs to the signature docs/platform-facts.md quotes", () => {
    expect(loadCase("get-vanilla").authz).toContain(
      "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
    );
  });
});
