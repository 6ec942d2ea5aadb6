import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FORBIDDEN_MESSAGE, SIGNATURE_MISMATCH_MESSAGE } from "./aws-errors.js";
import {
  fixtureHandlerConfig,
  type Running,
  send,
  sendSigned,
  sha256Hex,
  signHeaders,
  startFunctionUrl,
} from "./test-support/harness.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("Function URL with AWS_IAM (platform-facts: who may call a Function URL, Function URL errors)", () => {
  let fu: Running;
  beforeAll(async () => {
    fu = await startFunctionUrl(fixtureHandlerConfig());
  });
  afterAll(async () => {
    await fu.server.close();
  });

  it("answers health on the reserved path", async () => {
    const r = await send(fu.port, { method: "GET", path: "/__emulator/health", headers: {} });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ status: "ok", service: "function-url" });
  });

  it("refuses an unsigned direct call: 403 AccessDeniedException with the Forbidden body", async () => {
    const body = JSON.stringify({ query: "hi" });
    const r = await send(fu.port, {
      method: "POST",
      path: "/echo",
      headers: {
        host: fu.domain,
        "content-type": "application/json",
        "x-amz-content-sha256": sha256Hex(body),
      },
      body,
    });
    expect(r.status).toBe(403);
    expect(r.headers["x-amzn-errortype"]).toBe("AccessDeniedException");
    expect(JSON.parse(r.body)).toEqual({ Message: FORBIDDEN_MESSAGE });
  });

  it("refuses a principal the resource policy does not name: 403 Forbidden", async () => {
    const intruder = fu.config.credentials.others[0];
    if (!intruder) throw new Error("the default config names an intruder principal");
    const r = await sendSigned(
      fu,
      { path: "/echo", body: "{}", headers: { "content-type": "application/json" } },
      {
        credential: intruder,
      },
    );
    expect(r.status).toBe(403);
    expect(r.headers["x-amzn-errortype"]).toBe("AccessDeniedException");
    expect(JSON.parse(r.body)).toEqual({ Message: FORBIDDEN_MESSAGE });
  });

  it("refuses a body swapped after hashing: 403 signature mismatch", async () => {
    const original = JSON.stringify({ query: "hint please" });
    const headers = await signHeaders(
      {
        method: "POST",
        host: fu.domain,
        path: "/echo",
        headers: { "content-type": "application/json", "x-amz-content-sha256": sha256Hex(original) },
        body: original,
      },
      { credential: fu.config.credentials.cloudfront },
    );
    const swapped = JSON.stringify({ query: "full solution!" });
    const r = await send(fu.port, {
      method: "POST",
      path: "/echo",
      headers: { ...headers, "content-length": String(Buffer.byteLength(swapped)) },
      body: swapped,
    });
    expect(r.status).toBe(403);
    expect(r.headers["x-amzn-errortype"]).toBe("InvalidSignatureException");
    expect(JSON.parse(r.body)).toEqual({ message: SIGNATURE_MISMATCH_MESSAGE });
  });

  it("refuses a stale x-amz-date: 403 'Signature expired' (5-minute skew)", async () => {
    const r = await sendSigned(
      fu,
      { path: "/echo", body: "{}", headers: { "content-type": "application/json" } },
      { signingDate: new Date(Date.now() - 10 * 60 * 1000) },
    );
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body).message).toMatch(
      /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/,
    );
  });

  it("refuses a request whose signed x-amz-content-sha256 header was removed after signing", async () => {
    const body = "{}";
    const headers = await signHeaders(
      {
        method: "POST",
        host: fu.domain,
        path: "/echo",
        headers: { "content-type": "application/json" },
        body,
      },
      { credential: fu.config.credentials.cloudfront },
    );
    delete headers["x-amz-content-sha256"];
    const r = await send(fu.port, { method: "POST", path: "/echo", headers, body });
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body)).toEqual({ message: SIGNATURE_MISMATCH_MESSAGE });
  });

  it('refuses an unknown url-id on the lambda-url domain: 403 {"Message":null}', async () => {
    const r = await send(fu.port, {
      method: "GET",
      path: "/echo",
      headers: { host: "nosuchurlid000000000000000000000.lambda-url.us-east-1.on.aws" },
    });
    expect(r.status).toBe(403);
    expect(r.body).toBe('{"Message":null}');
  });

  it("streams a signed call, status and headers from the prelude, cookies as set-cookie", async () => {
    const r = await sendSigned(fu, { path: "/paced?count=2&delay=10" });
    expect(r.status).toBe(201);
    expect(r.headers["content-type"]).toBe("text/event-stream; charset=utf-8");
    expect(r.headers["x-custom"]).toBe("yes");
    expect(r.headers["set-cookie"]).toEqual(["a=1; Path=/", "b=2; Path=/"]);
    expect(r.headers["transfer-encoding"]).toBe("chunked");
    expect(r.body).toBe("data: 0\n\ndata: 1\n\n");
    expect(r.complete).toBe(true);
  });

  it("forwards each write as it happens: the first chunk arrives before the handler writes the last", async () => {
    const r = await sendSigned(fu, { path: "/paced?count=4&delay=300" });
    expect(r.body).toBe("data: 0\n\ndata: 1\n\ndata: 2\n\ndata: 3\n\n");
    const first = r.chunks[0];
    const last = r.chunks[r.chunks.length - 1];
    if (!first || !last) throw new Error("no chunks received");
    expect(r.chunks.length).toBeGreaterThanOrEqual(4);
    // The last write happens >= 900 ms after the first; the first chunk must not wait for it.
    expect(last.at - first.at).toBeGreaterThan(700);
  });

  it("builds the payload 2.0 event field by field (urls-invocation.html, aws-lambda-go lambdaurl testdata)", async () => {
    const body = JSON.stringify({ query: "hello" });
    const r = await sendSigned(fu, {
      method: "POST",
      path: "/echo?a=1&b=x&a=2",
      body,
      headers: {
        "content-type": "application/json",
        "user-agent": "fidelity-test/1.0",
        cookie: "c1=v1; c2=v2",
        "x-forwarded-authorization": "Bearer test",
      },
    });
    expect(r.status).toBe(200);
    const { event, context } = JSON.parse(r.body);
    expect(event.version).toBe("2.0");
    expect(event.routeKey).toBe("$default");
    expect(event.rawPath).toBe("/echo");
    expect(event.rawQueryString).toBe("a=1&b=x&a=2");
    expect(event.queryStringParameters).toEqual({ a: "1,2", b: "x" });
    expect(event.cookies).toEqual(["c1=v1", "c2=v2"]);
    expect(event.headers.cookie).toBe("c1=v1; c2=v2");
    expect(event.headers.authorization).toBeUndefined();
    expect(event.headers["x-amz-date"]).toMatch(/^\d{8}T\d{6}Z$/);
    expect(event.headers["x-amz-content-sha256"]).toBe(sha256Hex(body));
    expect(event.headers["x-forwarded-authorization"]).toBe("Bearer test");
    expect(event.headers.host).toBe(fu.domain);
    expect(event.headers["x-amzn-trace-id"]).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(event.headers["x-forwarded-for"]).toBe("127.0.0.1");
    expect(event.headers["x-forwarded-proto"]).toBe("https");
    expect(event.headers["x-forwarded-port"]).toBe("443");
    expect(event.headers["x-amzn-tls-version"]).toBeTypeOf("string");
    expect(event.headers["x-amzn-tls-cipher-suite"]).toBeTypeOf("string");
    expect(event.body).toBe(body);
    expect(event.isBase64Encoded).toBe(false);
    const rc = event.requestContext;
    expect(rc.accountId).toBe("123456789012");
    expect(rc.apiId).toBe(fu.config.functionUrl.urlId);
    expect(rc.domainPrefix).toBe(fu.config.functionUrl.urlId);
    expect(rc.domainName).toBe(fu.domain);
    expect(rc.http).toEqual({
      method: "POST",
      path: "/echo",
      protocol: "HTTP/1.1",
      sourceIp: "127.0.0.1",
      userAgent: "fidelity-test/1.0",
    });
    expect(rc.routeKey).toBe("$default");
    expect(rc.stage).toBe("$default");
    expect(rc.time).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(typeof rc.timeEpoch).toBe("number");
    expect(rc.requestId).toBe(context.awsRequestId);
    expect(rc.authorizer.iam).toEqual({
      accessKey: fu.config.credentials.cloudfront.accessKeyId,
      accountId: "123456789012",
      callerId: fu.config.credentials.cloudfront.userId,
      cognitoIdentity: null,
      principalOrgId: null,
      userArn: "cloudfront.amazonaws.com",
      userId: fu.config.credentials.cloudfront.userId,
    });
    expect(context.functionName).toBe("chatbot-query");
    expect(context.memoryLimitInMB).toBe("512");
    expect(context.invokedFunctionArn).toBe("arn:aws:lambda:us-east-1:123456789012:function:chatbot-query");
    expect(context.remainingMs).toBeGreaterThan(0);
    expect(context.remainingMs).toBeLessThanOrEqual(3000);
  });

  it("leaves body and queryStringParameters out when there are none; binary bodies arrive base64", async () => {
    const plain = JSON.parse((await sendSigned(fu, { path: "/echo" })).body).event;
    expect("body" in plain).toBe(false);
    expect("queryStringParameters" in plain).toBe(false);
    expect("cookies" in plain).toBe(false);
    expect(plain.rawQueryString).toBe("");
    expect(plain.isBase64Encoded).toBe(false);
    const form = JSON.parse(
      (
        await sendSigned(fu, {
          path: "/echo",
          body: "a=1&b=2",
          headers: { "content-type": "application/x-www-form-urlencoded" },
        })
      ).body,
    ).event;
    expect(form.isBase64Encoded).toBe(true);
    expect(Buffer.from(form.body, "base64").toString()).toBe("a=1&b=2");
  });

  it("runs the function with its own environment, not the emulator's process env", async () => {
    const { env } = JSON.parse((await sendSigned(fu, { path: "/env" })).body);
    // As deployed: the key's SSM parameter and the execution role's session, never the key itself.
    expect(env.GEMINI_API_KEY).toBeUndefined();
    expect(env.GEMINI_API_KEY_PARAMETER).toBe("/chatbot/gemini-api-key");
    expect(env.AWS_ACCESS_KEY_ID).toBe(fu.config.credentials.functionRole.accessKeyId);
    expect(env.AWS_SESSION_TOKEN).toBe(fu.config.credentials.functionRole.sessionToken);
    expect(env.COGNITO_USER_POOL_ID).toBe(fu.config.cognito.userPoolId);
    expect(env.AWS_LAMBDA_FUNCTION_NAME).toBe("chatbot-query");
    expect(env.AWS_LAMBDA_FUNCTION_VERSION).toBe("$LATEST");
    expect(env.TZ).toBe(":UTC");
    expect(env.VITEST).toBeUndefined();
  });

  it("answers 502 Internal Server Error when the handler throws before writing", async () => {
    const r = await sendSigned(fu, { path: "/throw-before-write" });
    expect(r.status).toBe(502);
    expect(r.body).toBe("Internal Server Error");
    expect(fu.logs.some((l) => l.includes("failed before writing"))).toBe(true);
  });

  it("cuts the connection without the final chunk when the handler throws after writing (assumption)", async () => {
    const r = await sendSigned(fu, { path: "/throw-after-write" });
    expect(r.status).toBe(200);
    expect(r.body).toBe("partial ");
    expect(r.complete).toBe(false);
  });

  it("a handler that settles before end() hangs until the function timeout (RIC streaming-invoke-processor, aws/aws-lambda-nodejs-runtime-interface-client#95)", async () => {
    const started = performance.now();
    const r = await sendSigned(fu, { path: "/returns-without-ending" });
    expect(performance.now() - started).toBeGreaterThanOrEqual(
      fu.config.functionUrl.timeoutSeconds * 1000 - 100,
    );
    expect(r.body).toBe("started but never ended");
    expect(r.complete).toBe(false);
    expect(fu.logs.some((l) => l.includes("Task timed out after 3.00 seconds"))).toBe(true);
  });

  it("ignores a streaming handler's return value and warns like the runtime (RIC)", async () => {
    const r = await sendSigned(fu, { path: "/returns-value" });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ ok: true });
    await sleep(100);
    expect(fu.logs.some((l) => l.includes("Streaming handlers ignore return values."))).toBe(true);
  });

  it("end(data) as the first call sends no prelude, as Node's end() skips the runtime's write hook", async () => {
    const r = await sendSigned(fu, { path: "/end-only" });
    expect(r.complete).toBe(false);
    expect(r.status).toBe(0);
    expect(fu.logs.some((l) => l.includes("ended without a complete prelude"))).toBe(true);
  });

  it("passes a stream without HttpResponseStream.from through with its own content type (assumption)", async () => {
    const r = await sendSigned(fu, { path: "/plain" });
    expect(r.status).toBe(200);
    expect(r.headers["content-type"]).toBe("text/plain");
    expect(r.body).toBe("plain text");
  });
});
