/**
 * Lambda Function URL events (payload format 2.0) and contexts, shaped as
 * docs/platform-facts.md#function-url-event describes: lower-case headers, `$default` route, AWS_IAM
 * authorizer, no `authorization`.
 */
import { randomUUID } from "node:crypto";
import type { Context, LambdaFunctionURLEvent } from "aws-lambda";

export interface EventOptions {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  isBase64Encoded?: boolean;
}

export function functionUrlEvent(options: EventOptions = {}): LambdaFunctionURLEvent {
  const method = options.method ?? "POST";
  const path = options.path ?? "/chatbot";
  const requestId = randomUUID();
  const now = new Date();
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath: path,
    rawQueryString: "",
    headers: {
      host: "q7chatbotlocaltwin5url2id4abc3de.lambda-url.us-east-1.on.aws",
      "x-amzn-trace-id": `Root=1-${Math.floor(now.getTime() / 1000).toString(16)}-${randomUUID().replaceAll("-", "").slice(0, 24)}`,
      "x-forwarded-proto": "https",
      "x-forwarded-port": "443",
      "x-forwarded-for": "127.0.0.1",
      "x-amz-date": "20260101T000000Z",
      ...options.headers,
    },
    requestContext: {
      accountId: "123456789012",
      apiId: "q7chatbotlocaltwin5url2id4abc3de",
      domainName: "q7chatbotlocaltwin5url2id4abc3de.lambda-url.us-east-1.on.aws",
      domainPrefix: "q7chatbotlocaltwin5url2id4abc3de",
      http: { method, path, protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "Amazon CloudFront" },
      requestId,
      routeKey: "$default",
      stage: "$default",
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    body: options.body,
    isBase64Encoded: options.isBase64Encoded ?? false,
  } as LambdaFunctionURLEvent;
}

export function lambdaContext(): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: "chatbot-query",
    functionVersion: "$LATEST",
    invokedFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:chatbot-query",
    memoryLimitInMB: "512",
    awsRequestId: randomUUID(),
    logGroupName: "/aws/lambda/chatbot-query",
    logStreamName: "2026/01/01/[$LATEST]0123456789abcdef",
    getRemainingTimeInMillis: () => 60_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
