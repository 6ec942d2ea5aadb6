/**
 * Case 2's baseline: the same handler source, invoked directly in this process, with the runtime's
 * `awslambda` global (the emulator's faithful copy), the environment the emulator gives the
 * function, and a real payload 2.0 event. No CloudFront, no OAC, no Function URL, no worker thread.
 */
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { finished } from "node:stream/promises";
import { lambdaFunctionArn } from "../emulator/aws/arns.js";
import { lambdaLogGroupName } from "../emulator/aws/lambda-environment.js";
import { functionUrlDomain, localFunctionEnvironment } from "../emulator/config/defaults.js";
import type { StackConfig } from "../emulator/config/types.js";
import { buildFunctionUrlEvent, type FunctionUrlEvent } from "../emulator/function-url/event-builder.js";
import {
  installAwsLambdaGlobal,
  LambdaResponseStream,
} from "../emulator/function-url/runtimes/worker/awslambda.js";
import type { ChatRequest, ChatResult } from "./chat-client.js";
import { SseTimeline } from "./sse-timeline.js";

type Handler = (event: unknown, stream: unknown, context: unknown) => Promise<void>;

export interface DirectHandler {
  /** Builds the event (not timed), then times the handler from call to stream end. */
  invoke(chat: ChatRequest): Promise<ChatResult>;
  /** The event the Function URL would build for this chat (for the event-build cost centre). */
  event(chat: ChatRequest): FunctionUrlEvent;
}

function lambdaContext(config: StackConfig) {
  const fn = config.functionUrl;
  const deadline = Date.now() + fn.timeoutSeconds * 1000;
  return {
    awsRequestId: randomUUID(),
    functionName: fn.functionName,
    functionVersion: "$LATEST",
    memoryLimitInMB: String(fn.memoryMb),
    invokedFunctionArn: lambdaFunctionArn(config.region, config.accountId, fn.functionName),
    logGroupName: lambdaLogGroupName(fn.functionName),
    logStreamName: "bench/[$LATEST]direct",
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}

export async function createDirectHandler(config: StackConfig): Promise<DirectHandler> {
  // The runtime installs the global before the handler module loads; the handler reads it at call time.
  installAwsLambdaGlobal();
  const { composeHandler } = await import("../handler/src/compose.js");
  // Log lines are produced (same work as in a container) and dropped, as a container's stdout would be read.
  // The shortcut key source: an in-process handler's SDK would read this process's own AWS_* variables,
  // not the function's; the SSM read happens once per cold start and is not what the bench measures.
  const environment = localFunctionEnvironment({
    ...config,
    functionUrl: { ...config.functionUrl, apiKeySource: "environment" },
  });
  const handler = composeHandler(environment, {
    writeLog: () => {},
  }) as unknown as Handler;
  const domain = functionUrlDomain(config);

  const event = (chat: ChatRequest): FunctionUrlEvent =>
    buildFunctionUrlEvent({
      method: "POST",
      url: "/chatbot",
      headers: {
        host: [domain],
        "content-type": ["application/json"],
        "x-forwarded-authorization": [`Bearer ${chat.idToken}`],
        "x-amz-content-sha256": [chat.bodySha256],
        "user-agent": ["Amazon CloudFront"],
      },
      body: Buffer.from(chat.body),
      sourceIp: "127.0.0.1",
      requestId: randomUUID(),
      now: Date.now(),
      accountId: config.accountId,
      urlId: config.functionUrl.urlId,
      domainName: domain,
      caller: {
        credential: config.credentials.cloudfront,
        accessKeyId: config.credentials.cloudfront.accessKeyId,
      },
    });

  return {
    event,
    async invoke(chat) {
      const ev = event(chat);
      const sse = new SseTimeline(true);
      const stream = new LambdaResponseStream({
        head: () => {},
        chunk: (bytes) => sse.push(bytes, performance.now()),
        end: () => {},
      });
      const startedAt = performance.now();
      await handler(ev, stream, lambdaContext(config));
      if (!stream.writableFinished) await finished(stream);
      const endedAt = performance.now();
      return { ...sse.timeline, status: sse.timeline.preludeStatus ?? 0, startedAt, endedAt };
    },
  };
}
