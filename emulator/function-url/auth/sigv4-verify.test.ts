import { describe, expect, it } from "vitest";
import type { LocalCredential } from "../../config/types.js";
import { FORBIDDEN_MESSAGE, SIGNATURE_MISMATCH_MESSAGE } from "../aws-errors.js";
import { fixtureHandlerConfig, sha256Hex, signHeaders } from "../test-support/harness.js";
import { credentialStoreOf } from "./credential-store.js";
import { type SigV4Request, verifySigV4 } from "./sigv4-verify.js";

const config = fixtureHandlerConfig();
const cf: LocalCredential = config.credentials.cloudfront;
const store = credentialStoreOf([cf]);
const HOST = "q7chatbotlocaltwin5url2id4abc3de.lambda-url.us-east-1.on.aws";
const BODY = JSON.stringify({ query: "why is my loop slow?" });
const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const opts = { region: "us-east-1", service: "lambda", now: NOW };

async function signed(
  overrides: { headers?: Record<string, string>; body?: string; path?: string; signingDate?: Date } = {},
  sign: { credential?: LocalCredential; region?: string; service?: string; applyChecksum?: boolean } = {},
): Promise<SigV4Request> {
  const body = overrides.body ?? BODY;
  const headers = overrides.headers ?? {
    "content-type": "application/json",
    "x-amz-content-sha256": sha256Hex(body),
  };
  const path = overrides.path ?? "/chatbot";
  const out = await signHeaders(
    { method: "POST", host: HOST, path, headers, body },
    { credential: sign.credential ?? cf, signingDate: overrides.signingDate ?? new Date(NOW), ...sign },
  );
  const q = path.indexOf("?");
  return {
    method: "POST",
    path: q < 0 ? path : path.slice(0, q),
    query: q < 0 ? "" : path.slice(q + 1),
    headers: out,
    body: Buffer.from(body),
  };
}

describe("verifySigV4 (platform-facts: SigV4 at a Function URL)", () => {
  it("accepts a request signed by the AWS SDK's own signer (@smithy/signature-v4)", async () => {
    const result = await verifySigV4(await signed(), store, opts);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.credential.principal).toBe("cloudfront.amazonaws.com");
      expect(result.signedHeaders).toContain("host");
      expect(result.signedHeaders).toContain("x-amz-content-sha256");
    }
  });

  it("accepts a signed query string, re-canonicalised from the raw request line", async () => {
    const result = await verifySigV4(await signed({ path: "/chatbot?b=2&a=x%20y&a=z" }), store, opts);
    expect(result.ok).toBe(true);
  });

  it("refuses an unsigned call with the Function URL's Forbidden body (recorded against AWS)", async () => {
    const req = await signed();
    delete req.headers.authorization;
    const result = await verifySigV4(req, store, opts);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toBe("missing-authorization");
      expect(result.error.status).toBe(403);
      expect(result.error.errorType).toBe("AccessDeniedException");
      expect(JSON.parse(result.error.body)).toEqual({ Message: FORBIDDEN_MESSAGE });
    }
  });

  it("refuses a body swapped after hashing with the signature-mismatch message", async () => {
    const req = await signed();
    req.body = Buffer.from(JSON.stringify({ query: "give me the full solution" }));
    const result = await verifySigV4(req, store, opts);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toBe("payload-hash-mismatch");
      expect(JSON.parse(result.error.body)).toEqual({ message: SIGNATURE_MISMATCH_MESSAGE });
    }
  });

  it("refuses a body and hash both swapped after signing (the signature covers the hash)", async () => {
    const req = await signed();
    const other = JSON.stringify({ query: "tampered" });
    req.body = Buffer.from(other);
    req.headers["x-amz-content-sha256"] = sha256Hex(other);
    const result = await verifySigV4(req, store, opts);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toBe("signature-mismatch");
  });

  it("refuses a tampered signed header", async () => {
    const req = await signed();
    req.headers["content-type"] = "text/plain";
    const result = await verifySigV4(req, store, opts);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toBe("signature-mismatch");
  });

  it("refuses a request whose method, path or query changed after signing (all are in the canonical request)", async () => {
    const tampered: ((req: SigV4Request) => void)[] = [
      (req) => {
        req.method = "PUT";
      },
      (req) => {
        req.path = "/admin";
      },
      (req) => {
        req.query = "a=2";
      },
    ];
    for (const tamper of tampered) {
      const req = await signed({ path: "/chatbot?a=1" });
      tamper(req);
      const result = await verifySigV4(req, store, opts);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toBe("signature-mismatch");
    }
  });

  it("refuses a signed request replayed to another Function URL host (host is signed)", async () => {
    const req = await signed();
    req.headers.host = "otherurlid.lambda-url.us-east-1.on.aws";
    const result = await verifySigV4(req, store, opts);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toBe("signature-mismatch");
  });

  it("refuses UNSIGNED-PAYLOAD (Lambda requires the payload hash)", async () => {
    const result = await verifySigV4(
      await signed({
        headers: { "content-type": "application/json", "x-amz-content-sha256": "UNSIGNED-PAYLOAD" },
      }),
      store,
      opts,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toBe("unsigned-payload");
  });

  it("accepts a body with no x-amz-content-sha256: outside S3 the service hashes the body itself (platform-facts, botocore SigV4Auth)", async () => {
    const req = await signed({ headers: { "content-type": "application/json" } }, { applyChecksum: false });
    expect(req.headers["x-amz-content-sha256"]).toBeUndefined();
    const result = await verifySigV4(req, store, opts);
    expect(result.ok ? "ok" : result.reason).toBe("ok");
  });

  it("refuses that request with its body swapped (the computed hash is in the canonical request)", async () => {
    const req = await signed({ headers: { "content-type": "application/json" } }, { applyChecksum: false });
    req.body = Buffer.from(JSON.stringify({ query: "give me the full solution" }));
    const result = await verifySigV4(req, store, opts);
    expect(result.ok ? "ok" : result.reason).toBe("signature-mismatch");
  });

  it("refuses a signed x-amz-content-sha256 that was removed after signing", async () => {
    const req = await signed();
    delete req.headers["x-amz-content-sha256"];
    const result = await verifySigV4(req, store, opts);
    expect(result.ok ? "ok" : result.reason).toBe("signature-mismatch");
  });

  it("refuses a stale x-amz-date with AWS's 'Signature expired' text (5-minute skew; recorded: hassy/artillery-dino#2)", async () => {
    const result = await verifySigV4(
      await signed({ signingDate: new Date(NOW - 6 * 60 * 1000) }),
      store,
      opts,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toBe("signature-expired");
      expect(JSON.parse(result.error.body)).toEqual({
        message:
          "Signature expired: 20260115T115400Z is now earlier than 20260115T115500Z (20260115T120000Z - 5 min.)",
      });
      expect(result.error.errorType).toBe("InvalidSignatureException");
    }
  });

  it("accepts a signature 4 minutes old (inside the 5-minute skew)", async () => {
    const result = await verifySigV4(
      await signed({ signingDate: new Date(NOW - 4 * 60 * 1000) }),
      store,
      opts,
    );
    expect(result.ok).toBe(true);
  });

  it("refuses a future x-amz-date with 'Signature not yet current' (recorded: serverless/enterprise#11)", async () => {
    const result = await verifySigV4(
      await signed({ signingDate: new Date(NOW + 6 * 60 * 1000) }),
      store,
      opts,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(JSON.parse(result.error.body).message).toBe(
        "Signature not yet current: 20260115T120600Z is still later than 20260115T120500Z (20260115T120000Z + 5 min.)",
      );
    }
  });

  it("refuses a credential scoped to another region with AWS's text (recorded: cognitect-labs/aws-api#27)", async () => {
    const result = await verifySigV4(await signed({}, { region: "eu-west-1" }), store, opts);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toBe("wrong-region");
      expect(result.error.errorType).toBe("InvalidSignatureException");
      expect(JSON.parse(result.error.body)).toEqual({
        message: "Credential should be scoped to a valid region, not 'eu-west-1'. ",
      });
    }
  });

  it("refuses a credential scoped to another service with AWS's text (recorded: cllunsford/aws-signing-proxy#25)", async () => {
    const result = await verifySigV4(await signed({}, { service: "execute-api" }), store, opts);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toBe("wrong-service");
      expect(JSON.parse(result.error.body)).toEqual({
        message: "Credential should be scoped to correct service: 'lambda'. ",
      });
    }
  });

  it("refuses an Authorization header without its parts with AWS's text (recorded: aws/chalice#828)", async () => {
    const req = await signed();
    req.headers.authorization = "AWS4-HMAC-SHA256 ";
    delete req.headers["x-amz-date"];
    const result = await verifySigV4(req, store, opts);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toBe("malformed-authorization");
      expect(result.error.status).toBe(403);
      expect(JSON.parse(result.error.body)).toEqual({
        message:
          "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. " +
          "Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either " +
          "a 'X-Amz-Date' or a 'Date' header. Authorization=AWS4-HMAC-SHA256",
      });
    }
  });

  it("refuses an Authorization header missing only its Signature, naming just that part", async () => {
    const req = await signed();
    req.headers.authorization = String(req.headers.authorization).replace(/, Signature=[0-9a-f]+/, "");
    const result = await verifySigV4(req, store, opts);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(JSON.parse(result.error.body).message).toBe(
        "Authorization header requires 'Signature' parameter. Authorization=AWS4-HMAC-SHA256",
      );
    }
  });

  it("refuses an access key the credential store does not know", async () => {
    const stranger: LocalCredential = { ...cf, accessKeyId: "AKIAUNKNOWNKEY000001" };
    const result = await verifySigV4(await signed({}, { credential: stranger }), store, opts);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toBe("unknown-access-key");
      expect(JSON.parse(result.error.body).message).toBe(
        "The security token included in the request is invalid.",
      );
    }
  });

  it("refuses a known key signed with the wrong secret", async () => {
    const forged: LocalCredential = { ...cf, secretAccessKey: "not-the-secret-at-all-00000000000000000000" };
    const result = await verifySigV4(await signed({}, { credential: forged }), store, opts);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toBe("signature-mismatch");
  });

  it("refuses a signature whose SignedHeaders leave out host", async () => {
    const req = await signed();
    req.headers.authorization = String(req.headers.authorization).replace(
      /SignedHeaders=([^,]*)/,
      (_m, list: string) =>
        `SignedHeaders=${list
          .split(";")
          .filter((h) => h !== "host")
          .join(";")}`,
    );
    const result = await verifySigV4(req, store, opts);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toBe("host-not-signed");
  });

  it("verifies a session token and refuses a wrong one", async () => {
    const withToken: LocalCredential = { ...cf, sessionToken: "token-generated-at-run-time" };
    const tokenStore = credentialStoreOf([withToken]);
    const good = await signed({}, { credential: withToken });
    expect((await verifySigV4(good, tokenStore, opts)).ok).toBe(true);
    good.headers["x-amz-security-token"] = "another-token";
    const bad = await verifySigV4(good, tokenStore, opts);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.reason).toBe("invalid-security-token");
  });
});
