/**
 * AWS_IAM at the Function URL with client libraries other than the verifier, over real HTTP on loopback
 * (docs/platform-facts.md#sigv4-at-a-function-url): `aws4` (an
 * independent signer that, like botocore SigV4Auth and aws4fetch, sends no x-amz-content-sha256 outside
 * S3) and `@smithy/signature-v4`'s presign (query-string SigV4, re:Post QUPuq7VvHJRwWxVA3XJIgNKQ).
 */
import { randomBytes } from "node:crypto";
import aws4 from "aws4";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { presignQuery } from "../../aws/sigv4-sign.js";
import type { LocalCredential, LocalPrincipal } from "../../config/types.js";
import { FORBIDDEN_MESSAGE, SIGNATURE_MISMATCH_MESSAGE } from "../aws-errors.js";
import {
  fixtureHandlerConfig,
  type Running,
  send,
  sendSigned,
  sha256Hex,
  startFunctionUrl,
} from "../test-support/harness.js";
import { credentialOfPrincipal } from "./credential-store.js";

let fu: Running;
let cf: LocalCredential;
beforeAll(async () => {
  fu = await startFunctionUrl(fixtureHandlerConfig());
  cf = fu.config.credentials.cloudfront;
});
afterAll(async () => {
  await fu.server.close();
});

interface Aws4Request {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  signQuery?: boolean;
}

/** `aws4`'s signature of a request to the Function URL, as the CloudFront principal: path and headers. */
function signWithAws4(req: Aws4Request): { path: string; headers: Record<string, string> } {
  const signed = aws4.sign(
    {
      host: fu.domain,
      method: req.method,
      path: req.path,
      headers: { ...req.headers },
      body: req.body,
      service: "lambda",
      region: "us-east-1",
      ...(req.signQuery ? { signQuery: true } : {}),
    },
    { accessKeyId: cf.accessKeyId, secretAccessKey: cf.secretAccessKey },
  );
  const headers = Object.fromEntries(Object.entries(signed.headers ?? {}).map(([k, v]) => [k, String(v)]));
  return { path: signed.path ?? req.path, headers };
}

/** Signs with `aws4` and sends the exact headers it produced. */
async function viaAws4(req: Aws4Request) {
  const { headers } = signWithAws4(req);
  return send(fu.port, { method: req.method, path: req.path, headers, body: req.body });
}

/** A presigned URL made by the AWS SDK's own signer. */
async function presignedPath(
  path: string,
  options: { expiresIn?: number; signingDate?: Date; region?: string; method?: string; body?: string } = {},
): Promise<string> {
  const q = path.indexOf("?");
  const bare = q < 0 ? path : path.slice(0, q);
  const query = await presignQuery(
    {
      method: options.method ?? "GET",
      host: fu.domain,
      path: bare,
      rawQuery: q < 0 ? "" : path.slice(q + 1),
      ...(options.body !== undefined ? { body: options.body } : {}),
    },
    {
      credentials: { accessKeyId: cf.accessKeyId, secretAccessKey: cf.secretAccessKey },
      region: options.region ?? "us-east-1",
      service: "lambda",
      signingDate: options.signingDate ?? new Date(),
      expiresInSeconds: options.expiresIn ?? 300,
    },
  );
  return `${bare}?${query}`;
}

describe("a body signed without x-amz-content-sha256 (platform-facts: outside S3 the service hashes the body)", () => {
  it("is accepted from aws4, which sends no x-amz-content-sha256 for service lambda", async () => {
    const body = JSON.stringify({ query: "hint please" });
    const r = await viaAws4({
      method: "POST",
      path: "/echo",
      headers: { "content-type": "application/json" },
      body,
    });
    expect(r.status).toBe(200);
    const { event } = JSON.parse(r.body);
    expect(event.headers["x-amz-content-sha256"]).toBeUndefined();
    expect(event.body).toBe(body);
  });

  it("is refused when the body is swapped after aws4 signed it (the service's own hash is signed)", async () => {
    const body = JSON.stringify({ query: "hint please" });
    const { headers } = signWithAws4({
      method: "POST",
      path: "/echo",
      headers: { "content-type": "application/json" },
      body,
    });
    const swapped = JSON.stringify({ query: "full answer!" });
    headers["Content-Length"] = String(Buffer.byteLength(swapped));
    const r = await send(fu.port, { method: "POST", path: "/echo", headers, body: swapped });
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body)).toEqual({ message: SIGNATURE_MISMATCH_MESSAGE });
  });

  it("is refused when an x-amz-content-sha256 is present but wrong, even though aws4 signed it", async () => {
    const body = "{}";
    const r = await viaAws4({
      method: "POST",
      path: "/echo",
      headers: { "content-type": "application/json", "x-amz-content-sha256": sha256Hex("other") },
      body,
    });
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body)).toEqual({ message: SIGNATURE_MISMATCH_MESSAGE });
  });

  it("refuses UNSIGNED-PAYLOAD even when signed (platform-facts: SigV4 at a Function URL)", async () => {
    const r = await viaAws4({
      method: "POST",
      path: "/echo",
      headers: { "content-type": "application/json", "x-amz-content-sha256": "UNSIGNED-PAYLOAD" },
      body: "{}",
    });
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body)).toEqual({ message: SIGNATURE_MISMATCH_MESSAGE });
  });

  it("verifies aws4's canonicalisation of an encoded, unnormalised path and a query (the function is reached)", async () => {
    const r = await viaAws4({ method: "GET", path: "/x/a%20b/../../echo?b=2&a=%C3%A9&a=1" });
    // Signature and policy passed: the fixture function answered (404: it serves only /echo as rawPath).
    expect(r.headers["x-amzn-errortype"]).toBeUndefined();
    expect(r.headers["x-amzn-requestid"]).toBeTypeOf("string");
  });

  it("verifies a header sent as repeated lines: SigV4 joins the values with ',' (suite: get-header-value-order)", async () => {
    const headers: Record<string, string | string[]> = signWithAws4({
      method: "GET",
      path: "/echo",
      headers: { "x-multi": "one,two" },
    }).headers;
    headers["x-multi"] = ["one", "two"];
    const r = await send(fu.port, {
      method: "GET",
      path: "/echo",
      headers: headers as Record<string, string>,
    });
    expect(r.status).toBe(200);
  });
});

describe("presigned (query-string) SigV4 URLs (re:Post QUPuq7VvHJRwWxVA3XJIgNKQ)", () => {
  it("accepts a URL presigned by @smithy/signature-v4; the handler sees the X-Amz-* parameters in rawQueryString", async () => {
    const path = await presignedPath("/echo?topic=loops");
    const r = await send(fu.port, { method: "GET", path, headers: { host: fu.domain } });
    expect(r.status).toBe(200);
    const { event } = JSON.parse(r.body);
    // Assumption: Lambda passes the query string on untouched, signature parameters included.
    expect(event.rawQueryString).toContain("X-Amz-Signature=");
    expect(event.queryStringParameters.topic).toBe("loops");
    expect(event.queryStringParameters["X-Amz-Algorithm"]).toBe("AWS4-HMAC-SHA256");
    expect(event.headers.authorization).toBeUndefined();
    expect(event.requestContext.authorizer.iam.accessKey).toBe(cf.accessKeyId);
  });

  it("accepts a POST with a body presigned by aws4 (signQuery: true signs the body's hash)", async () => {
    const body = JSON.stringify({ query: "presigned" });
    const signed = signWithAws4({
      method: "POST",
      path: "/echo",
      headers: { "content-type": "application/json" },
      body,
      signQuery: true,
    });
    expect(signed.path).toContain("X-Amz-Signature=");
    const r = await send(fu.port, {
      method: "POST",
      path: signed.path,
      headers: { host: fu.domain, "content-type": "application/json" },
      body,
    });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).event.body).toBe(body);
  });

  it("refuses a presigned URL whose query was changed after signing", async () => {
    const path = (await presignedPath("/echo?topic=loops")).replace("topic=loops", "topic=answers");
    const r = await send(fu.port, { method: "GET", path, headers: { host: fu.domain } });
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body)).toEqual({ message: SIGNATURE_MISMATCH_MESSAGE });
  });

  it("refuses an expired presigned URL with the 'Signature expired' text (window: X-Amz-Expires; assumption)", async () => {
    const signedAt = new Date(Date.now() - 120_000);
    const path = await presignedPath("/echo", { expiresIn: 60, signingDate: signedAt });
    const r = await send(fu.port, { method: "GET", path, headers: { host: fu.domain } });
    expect(r.status).toBe(403);
    expect(r.headers["x-amzn-errortype"]).toBe("InvalidSignatureException");
    expect(JSON.parse(r.body).message).toMatch(
      /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 1 min\.\)$/,
    );
  });

  it("refuses X-Amz-Expires over 7 days (604800 s, the SigV4 presign maximum)", async () => {
    const path = (await presignedPath("/echo")).replace(/X-Amz-Expires=\d+/, "X-Amz-Expires=604801");
    const r = await send(fu.port, { method: "GET", path, headers: { host: fu.domain } });
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body).message).toContain("X-Amz-Expires must be less than a week");
  });

  it("refuses a presigned URL scoped to another region with AWS's text (recorded: cognitect-labs/aws-api#27)", async () => {
    const path = await presignedPath("/echo", { region: "eu-west-1" });
    const r = await send(fu.port, { method: "GET", path, headers: { host: fu.domain } });
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body)).toEqual({
      message: "Credential should be scoped to a valid region, not 'eu-west-1'. ",
    });
  });
});

describe("IAM callers allowed by an identity policy (Lambda guide, urls-auth; functionUrl.principals)", () => {
  const FN = "arn:aws:lambda:us-east-1:123456789012:function:chatbot-query";
  const principals: LocalPrincipal[] = [
    {
      accessKeyId: "AKIALOCALSAMEACCT001",
      secretAccessKey: randomBytes(30).toString("base64"),
      arn: "arn:aws:iam::123456789012:user/developer",
      policies: [
        { Effect: "Allow", Action: ["lambda:InvokeFunctionUrl", "lambda:InvokeFunction"], Resource: FN },
      ],
    },
    {
      accessKeyId: "AKIALOCALNOPOLICY001",
      secretAccessKey: randomBytes(30).toString("base64"),
      arn: "arn:aws:iam::123456789012:user/no-policy",
      policies: [],
    },
    {
      accessKeyId: "AKIALOCALOTHERACCT01",
      secretAccessKey: randomBytes(30).toString("base64"),
      arn: "arn:aws:iam::210987654321:user/partner",
      policies: [{ Effect: "Allow", Action: "lambda:Invoke*", Resource: FN }],
    },
  ];
  let iam: Running;
  beforeAll(async () => {
    iam = await startFunctionUrl(fixtureHandlerConfig((c) => (c.functionUrl.principals = principals)));
  });
  afterAll(async () => {
    await iam.server.close();
  });

  const call = (who: LocalPrincipal) =>
    sendSigned(
      iam,
      { path: "/echo", body: "{}", headers: { "content-type": "application/json" } },
      {
        credential: credentialOfPrincipal(who, "test"),
      },
    );

  it("a same-account principal whose identity policy grants both actions reaches the function", async () => {
    const r = await call(principals[0] as LocalPrincipal);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).event.requestContext.authorizer.iam.userArn).toBe(
      "arn:aws:iam::123456789012:user/developer",
    );
  });

  it("a principal allowed by neither policy gets the recorded 403 Forbidden body", async () => {
    const r = await call(principals[1] as LocalPrincipal);
    expect(r.status).toBe(403);
    expect(r.headers["x-amzn-errortype"]).toBe("AccessDeniedException");
    expect(JSON.parse(r.body)).toEqual({ Message: FORBIDDEN_MESSAGE });
  });

  it("a cross-account principal with only its identity policy is refused (the resource policy must allow it)", async () => {
    const r = await call(principals[2] as LocalPrincipal);
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body)).toEqual({ Message: FORBIDDEN_MESSAGE });
  });
});
