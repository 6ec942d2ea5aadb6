/**
 * Presigned (query-string) SigV4 at the verifier, with a fixed clock so AWS's texts can be checked
 * exactly (re:Post QUPuq7VvHJRwWxVA3XJIgNKQ; AWS General Reference, "Add the signature to the query
 * string"). URLs are made by the AWS SDK's own signer, `@smithy/signature-v4` `presign`.
 */
import { describe, expect, it } from "vitest";
import { presignQuery } from "../../aws/sigv4-sign.js";
import type { LocalCredential } from "../../config/types.js";
import { fixtureHandlerConfig } from "../test-support/harness.js";
import { credentialStoreOf } from "./credential-store.js";
import { type SigV4Request, verifySigV4 } from "./sigv4-verify.js";

const HOST = "q7chatbotlocaltwin5url2id4abc3de.lambda-url.us-east-1.on.aws";
const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const opts = { region: "us-east-1", service: "lambda", now: NOW };
const cf: LocalCredential = {
  ...fixtureHandlerConfig().credentials.cloudfront,
  sessionToken: "session-token-made-now",
};
const store = credentialStoreOf([cf]);

async function presigned(
  options: { expiresIn?: number; signingDate?: Date; query?: Record<string, string> } = {},
): Promise<SigV4Request> {
  const query = await presignQuery(
    {
      method: "GET",
      host: HOST,
      path: "/chatbot",
      rawQuery: Object.entries(options.query ?? {})
        .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
        .join("&"),
    },
    {
      credentials: cf,
      region: "us-east-1",
      service: "lambda",
      signingDate: options.signingDate ?? new Date(NOW),
      expiresInSeconds: options.expiresIn ?? 300,
    },
  );
  return { method: "GET", path: "/chatbot", query, headers: { host: HOST }, body: Buffer.alloc(0) };
}

const message = (r: Awaited<ReturnType<typeof verifySigV4>>) =>
  r.ok ? "ok" : JSON.parse(r.error.body).message;

describe("presigned SigV4 URLs at the verifier", () => {
  it("accepts a presigned URL with a session token in X-Amz-Security-Token", async () => {
    const result = await verifySigV4(await presigned({ query: { topic: "loops" } }), store, opts);
    expect(result.ok ? result.via : result.reason).toBe("query");
  });

  it("refuses the URL with another session token (the token is checked and signed)", async () => {
    const req = await presigned();
    req.query = req.query.replace(/X-Amz-Security-Token=[^&]+/, "X-Amz-Security-Token=other");
    const result = await verifySigV4(req, store, opts);
    expect(result.ok ? "ok" : result.reason).toBe("invalid-security-token");
  });

  it("accepts it until X-Amz-Expires has passed, then refuses with 'Signature expired' (assumption: header text)", async () => {
    const req = await presigned({ expiresIn: 600 });
    expect((await verifySigV4(req, store, { ...opts, now: NOW + 599_000 })).ok).toBe(true);
    const late = await verifySigV4(req, store, { ...opts, now: NOW + 601_000 });
    expect(late.ok ? "ok" : late.reason).toBe("signature-expired");
    expect(message(late)).toBe(
      "Signature expired: 20260115T120000Z is now earlier than 20260115T120001Z (20260115T121001Z - 10 min.)",
    );
  });

  it("refuses a URL dated beyond the 5-minute skew with 'Signature not yet current' (recorded: serverless/enterprise#11)", async () => {
    const result = await verifySigV4(
      await presigned({ signingDate: new Date(NOW + 6 * 60_000) }),
      store,
      opts,
    );
    expect(message(result)).toBe(
      "Signature not yet current: 20260115T120600Z is still later than 20260115T120500Z (20260115T120000Z + 5 min.)",
    );
  });

  it("refuses a URL missing X-Amz-Signature, and one that also has an Authorization header", async () => {
    const req = await presigned();
    const noSignature = { ...req, query: req.query.replace(/&?X-Amz-Signature=[0-9a-f]+/, "") };
    const missing = await verifySigV4(noSignature, store, opts);
    expect(missing.ok ? "ok" : missing.reason).toBe("malformed-authorization");
    expect(message(missing)).toContain("requires the X-Amz-Algorithm");
    const both = await verifySigV4(
      { ...req, headers: { ...req.headers, authorization: "AWS4-HMAC-SHA256 x" } },
      store,
      opts,
    );
    expect(both.ok ? "ok" : both.reason).toBe("two-auth-mechanisms");
  });

  it("refuses a non-numeric X-Amz-Expires", async () => {
    const req = await presigned();
    req.query = req.query.replace(/X-Amz-Expires=\d+/, "X-Amz-Expires=soon");
    const result = await verifySigV4(req, store, opts);
    expect(result.ok ? "ok" : result.reason).toBe("presign-expires-invalid");
  });

  it("refuses X-Amz-Content-Sha256=UNSIGNED-PAYLOAD in the query (S3 presigners add it; Lambda hashes the body)", async () => {
    const req = await presigned();
    req.query += "&X-Amz-Content-Sha256=UNSIGNED-PAYLOAD";
    const result = await verifySigV4(req, store, opts);
    expect(result.ok ? "ok" : result.reason).toBe("unsigned-payload");
  });
});
