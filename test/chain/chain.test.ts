/**
 * The whole request path, as deployed: viewer -> CloudFront (viewer-request function, OAC SigV4)
 * -> Function URL (AWS_IAM, RESPONSE_STREAM) -> the real handler -> Gemini stub.
 * Sources for each expectation: docs/platform-facts.md (the section named per test).
 */
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { LambdaFunctionURLEventWithIAMAuthorizer } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../../emulator/aws/sigv4-canonical.js";
import { signRequest } from "../../emulator/aws/sigv4-sign.js";
import { functionUrlDomain } from "../../emulator/config/defaults.js";
import type { LocalCredential } from "../../emulator/config/types.js";
import { SIGNATURE_MISMATCH_MESSAGE } from "../../emulator/function-url/aws-errors.js";
import { bearer, viewerHeaders } from "../../emulator/stack/viewer-request.js";
import { chatBody, readTimed, sseChunks } from "../test-support/chat-client.js";
import { startTestStack, type TestStack } from "../test-support/test-stack.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const ACCESS_DENIED =
  '{"Message":"Forbidden. For troubleshooting Function URL authorization issues, see: https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html"}';

async function aliceToken(stack: TestStack): Promise<string> {
  const tokens = await stack.cognito?.mintTokens("alice");
  if (!tokens) throw new Error("cognito not running");
  return tokens.idToken;
}

async function post(stack: TestStack, body: string, headers: Record<string, string>): Promise<Response> {
  return fetch(stack.endpoint, { method: "POST", body, headers });
}

/** Signs a request to the Function URL with the real AWS SigV4 signer, as a caller with `credential`. */
async function signedDirect(
  stack: TestStack,
  credential: LocalCredential,
  body: string,
  options: { date?: Date; region?: string } = {},
): Promise<{ status: number; text: string }> {
  const url = new URL(stack.urls.functionUrl ?? "");
  const host = functionUrlDomain(stack.config);
  const headers = await signRequest(
    {
      method: "POST",
      host,
      path: "/chatbot",
      headers: viewerHeaders(body),
      body,
    },
    {
      credentials: { accessKeyId: credential.accessKeyId, secretAccessKey: credential.secretAccessKey },
      region: options.region ?? stack.config.region,
      service: "lambda",
      signingDate: options.date ?? new Date(),
    },
  );
  // node:http, because fetch does not let a caller set Host (the signature covers it).
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: "/chatbot", method: "POST", headers },
      (res) => {
        const parts: Buffer[] = [];
        res.on("data", (part: Buffer) => parts.push(part));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(parts).toString("utf8") }),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

// Under both container runtimes: `ric` is AWS's own runtime client, `worker` the fast one.
describe.each(["worker", "ric"] as const)("full chain with the real handler (%s runtime)", (runtime) => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({
      functionUrl: { containerRuntime: runtime },
      gemini: {
        scripted: [{ pattern: "scripted-question", reply: "Think about what a hash map gives you." }],
      },
    });
  });
  afterAll(() => stack?.close());

  it("streams an answer intact through CloudFront, OAC, the Function URL and the handler", async () => {
    const body = JSON.stringify(chatBody("scripted-question: where do I start?"));
    const res = await post(stack, body, viewerHeaders(body, bearer(await aliceToken(stack))));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(res.headers.get("x-request-id")).toBeTruthy();
    const { text } = await readTimed(res);
    expect(sseChunks(text).join("")).toBe("Think about what a hash map gives you.");
    expect(text.endsWith("data: [DONE]\n\n")).toBe(true);
  });

  it("streams incrementally: the first chunk reaches the viewer before the stub has sent the last piece", async () => {
    stack.gemini?.journal.clear();
    const body = JSON.stringify(chatBody("pace me [[stub:paced pieces=6 delayMs=150]]"));
    const res = await post(stack, body, viewerHeaders(body, bearer(await aliceToken(stack))));
    expect(res.status).toBe(200);
    const reader = res.body?.getReader();
    if (!reader) throw new Error("no body");
    const decoder = new TextDecoder();
    let seen = "";
    while (!seen.includes('data: {"chunk"')) {
      const { done, value } = await reader.read();
      if (done) throw new Error("stream ended before the first chunk");
      seen += decoder.decode(value, { stream: true });
    }
    // At the moment the first chunk arrived, the stub's call was still in progress.
    const entry = stack.gemini?.journal.list().at(-1);
    expect(entry?.completed).toBe(false);
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      seen += decoder.decode(value, { stream: true });
    }
    expect(sseChunks(seen)).toHaveLength(6);
    expect(seen.endsWith("data: [DONE]\n\n")).toBe(true);
  });

  it("adds CloudFront's response headers (platform-facts: origin headers; Via, X-Cache, X-Amz-Cf-Id, X-Amz-Cf-Pop)", async () => {
    const body = JSON.stringify(chatBody("scripted-question"));
    const res = await post(stack, body, viewerHeaders(body, bearer(await aliceToken(stack))));
    await res.arrayBuffer();
    expect(res.headers.get("via")).toMatch(/^1\.1 [0-9a-f]+\.cloudfront\.net \(CloudFront\)$/);
    expect(res.headers.get("x-cache")).toBe("Miss from cloudfront");
    expect(res.headers.get("x-amz-cf-id")).toBeTruthy();
    expect(res.headers.get("x-amz-cf-pop")).toBeTruthy();
  });

  it("refuses a body swapped after hashing: Lambda checks x-amz-content-sha256 against the body (platform-facts: SigV4 at a Function URL)", async () => {
    const hashed = JSON.stringify(chatBody("the body that was hashed"));
    const sent = JSON.stringify(chatBody("a different body"));
    stack.gemini?.journal.clear();
    const res = await post(stack, sent, viewerHeaders(hashed, bearer(await aliceToken(stack))));
    expect(res.status).toBe(403);
    expect(res.headers.get("x-amzn-errortype")).toBe("InvalidSignatureException");
    expect(await res.json()).toEqual({ message: SIGNATURE_MISMATCH_MESSAGE });
    expect(stack.gemini?.journal.list()).toHaveLength(0);
  });

  it("refuses a POST without x-amz-content-sha256 (design: CloudFront cannot hash the body)", async () => {
    const body = JSON.stringify(chatBody("no hash header"));
    const headers = viewerHeaders(body, bearer(await aliceToken(stack)));
    delete headers["x-amz-content-sha256"];
    const res = await post(stack, body, headers);
    // Assumption: CloudFront signs the empty-body hash, which Lambda finds does not match the body.
    expect(res.status).toBe(403);
    expect(res.headers.get("x-amzn-errortype")).toBe("InvalidSignatureException");
    expect(await res.json()).toEqual({ message: SIGNATURE_MISMATCH_MESSAGE });
  });

  it("refuses an unsigned direct call to the Function URL with AWS's AccessDenied body (platform-facts: Function URL errors)", async () => {
    const body = JSON.stringify(chatBody("direct"));
    const res = await fetch(new URL("/chatbot", stack.urls.functionUrl), {
      method: "POST",
      body,
      headers: {
        ...viewerHeaders(body, bearer(await aliceToken(stack))),
        host: functionUrlDomain(stack.config),
      },
    });
    expect(res.status).toBe(403);
    expect(res.headers.get("x-amzn-errortype")).toBe("AccessDeniedException");
    expect(await res.text()).toBe(ACCESS_DENIED);
  });

  it("refuses a direct call signed by a principal the resource policy does not name", async () => {
    const intruder = stack.config.credentials.others[0];
    if (!intruder) throw new Error("no intruder credential configured");
    const res = await signedDirect(stack, intruder, JSON.stringify(chatBody("intruder")));
    expect(res.status).toBe(403);
    expect(res.text).toBe(ACCESS_DENIED);
  });

  it("accepts a direct call signed by CloudFront's own credential (the signer and verifier agree)", async () => {
    const body = JSON.stringify(chatBody("signed directly"));
    const res = await signedDirect(stack, stack.config.credentials.cloudfront, body);
    // Signed and allowed: the handler answers, and without a token it is the handler's 401.
    expect(res.status).toBe(401);
    expect(res.text).toContain("TOKEN_MISSING");
  });

  it("refuses a request whose x-amz-date is outside the 5-minute skew (platform-facts: SigV4 at a Function URL)", async () => {
    const stale = new Date(Date.now() - 6 * 60 * 1000);
    const res = await signedDirect(
      stack,
      stack.config.credentials.cloudfront,
      JSON.stringify(chatBody("old")),
      {
        date: stale,
      },
    );
    expect(res.status).toBe(403);
    expect(res.text).toContain("Signature expired");
  });
});

describe("chain variants from configuration", () => {
  it("without the CloudFront Function, the viewer's Authorization never reaches the handler: 401 TOKEN_MISSING", async () => {
    const stack = await startTestStack({ cloudfront: { viewerRequestFunction: undefined } });
    try {
      const body = JSON.stringify(chatBody("anyone there?"));
      const res = await post(stack, body, viewerHeaders(body, bearer(await aliceToken(stack))));
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("TOKEN_MISSING");
      expect(stack.gemini?.journal.list()).toHaveLength(0);
    } finally {
      await stack.close();
    }
  });

  it("a resource policy lacking lambda:InvokeFunction refuses CloudFront's calls (platform-facts: since October 2025 both are needed)", async () => {
    const base = (await import("../../emulator/config/defaults.js")).defaultConfig();
    const stack = await startTestStack({
      functionUrl: {
        permissions: base.functionUrl.permissions.filter((p) => p.action !== "lambda:InvokeFunction"),
      },
    });
    try {
      const body = JSON.stringify(chatBody("hello"));
      const res = await post(stack, body, viewerHeaders(body, bearer(await aliceToken(stack))));
      expect(res.status).toBe(403);
      expect(await res.text()).toBe(ACCESS_DENIED);
    } finally {
      await stack.close();
    }
  });

  it("the event the handler receives has the documented payload format 2.0 shape, field by field (platform-facts: Function URL event)", async () => {
    const stack = await startTestStack({
      functionUrl: { sourceEntry: path.join(here, "fixtures/echo-event.mjs") },
    });
    try {
      const body = JSON.stringify(chatBody("echo"));
      const headers = {
        ...viewerHeaders(body, bearer("header.payload.signature")),
        cookie: "a=1; b=2",
        "X-Custom": "Kept",
      };
      const res = await fetch(`${stack.endpoint}?a=1&a=2&b=x`, { method: "POST", body, headers });
      expect(res.status).toBe(200);
      const event = (await res.json()) as LambdaFunctionURLEventWithIAMAuthorizer;
      const domain = functionUrlDomain(stack.config);
      expect(event.version).toBe("2.0");
      expect(event.routeKey).toBe("$default");
      expect(event.rawPath).toBe("/chatbot");
      expect(event.rawQueryString).toBe("a=1&a=2&b=x");
      expect(event.queryStringParameters).toEqual({ a: "1,2", b: "x" });
      expect(event.cookies).toEqual(["a=1", "b=2"]);
      expect(event.headers.cookie).toBe("a=1; b=2");
      expect(event.headers["x-custom"]).toBe("Kept");
      expect(event.headers.authorization).toBeUndefined();
      expect(event.headers["x-forwarded-authorization"]).toBe("Bearer header.payload.signature");
      expect(event.headers["x-amz-content-sha256"]).toBe(sha256Hex(body));
      expect(event.headers["x-amz-date"]).toMatch(/^\d{8}T\d{6}Z$/);
      expect(event.headers["x-amz-cf-id"]).toBeTruthy();
      expect(event.headers.host).toBe(domain);
      expect(event.headers["x-amzn-trace-id"]).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}/);
      expect(event.headers["x-forwarded-proto"]).toBe("https");
      expect(event.headers["x-forwarded-for"]).toContain("127.0.0.1");
      expect(event.body).toBe(body);
      expect(event.isBase64Encoded).toBe(false);
      const ctx = event.requestContext;
      expect(ctx.accountId).toBe(stack.config.accountId);
      expect(ctx.apiId).toBe(stack.config.functionUrl.urlId);
      expect(ctx.domainPrefix).toBe(stack.config.functionUrl.urlId);
      expect(ctx.domainName).toBe(domain);
      expect(ctx.routeKey).toBe("$default");
      expect(ctx.stage).toBe("$default");
      expect(ctx.http).toMatchObject({ method: "POST", path: "/chatbot", protocol: "HTTP/1.1" });
      expect(ctx.time).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
      expect(typeof ctx.timeEpoch).toBe("number");
      expect(ctx.authorizer.iam.accessKey).toBe(stack.config.credentials.cloudfront.accessKeyId);
      expect(ctx.authorizer.iam.cognitoIdentity).toBeNull();
    } finally {
      await stack.close();
    }
  });
});
