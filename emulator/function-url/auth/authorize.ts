/**
 * A request's way into the function, checked in Lambda's order before anything is invoked: the
 * request body's size, AWS_IAM (SigV4, then the resource policy and the caller's identity policies),
 * throttling, and the 6 MB limit on the invocation payload. A refusal is answered here, with AWS's
 * error, and told as the end of the `function-url-auth` step (the stack's event bus).
 */
import type http from "node:http";
import type { LocalCredential } from "../../config/types.js";
import {
  type AwsErrorResponse,
  accessDenied,
  awsMessage,
  MAX_INVOCATION_PAYLOAD_BYTES,
  MAX_REQUEST_BODY_BYTES,
  payloadTooLarge,
  throttled,
} from "../aws-errors.js";
import { buildFunctionUrlEvent, invocationPayloadBytes } from "../event-builder.js";
import type { RequestSteps, ServiceContext } from "../service-context.js";
import { sendAwsError } from "../stream-response.js";
import { evaluateInvokePermission, type InvokeCaller } from "./invoke-permission.js";
import { sigv4RefusalLines } from "./sigv4-log.js";
import { verifySigV4 } from "./sigv4-verify.js";

/** The signer of an AWS_IAM request, as the event's `requestContext.authorizer.iam` names it. */
export interface Caller {
  credential: LocalCredential;
  accessKeyId: string;
}

type AuthResult = { ok: true; caller?: Caller } | { ok: false; error: AwsErrorResponse; why: string };

/** The body, or "too-large" past the request limit (still drained, so the client can read the 413). */
async function readBody(req: http.IncomingMessage): Promise<Buffer | "too-large"> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.byteLength;
    if (size > MAX_REQUEST_BODY_BYTES) tooLarge = true;
    else chunks.push(buf);
  }
  return tooLarge ? "too-large" : Buffer.concat(chunks, size);
}

/** AWS_IAM: the SigV4 signature, then the caller against the function's invoke permissions. */
async function authorize(ctx: ServiceContext, req: http.IncomingMessage, body: Buffer): Promise<AuthResult> {
  const { fn, config } = ctx;
  let policyCaller: InvokeCaller = { principal: "*" };
  let caller: Caller | undefined;
  if (fn.authType === "AWS_IAM") {
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const result = await verifySigV4(
      {
        method: req.method ?? "GET",
        path: q < 0 ? url : url.slice(0, q),
        query: q < 0 ? "" : url.slice(q + 1),
        // Every value of a repeated header, in order: SigV4 joins them with "," (Node's req.headers uses ", ").
        headers: req.headersDistinct,
        body,
      },
      ctx.credentials,
      { region: config.region, service: "lambda", now: ctx.clock() },
    );
    if (!result.ok) {
      for (const line of sigv4RefusalLines(result, { debug: ctx.logLevel === "debug" })) ctx.log(line);
      return { ok: false, error: result.error, why: `SigV4 ${result.reason}` };
    }
    caller = { credential: result.credential, accessKeyId: result.accessKeyId };
    policyCaller = {
      principal: result.credential.principal,
      accountId: result.credential.accountId,
      sourceArn: result.credential.sourceArn,
      identityPolicies: result.credential.identityPolicies,
    };
  }
  const decision = evaluateInvokePermission(fn.permissions, policyCaller, {
    functionArn: ctx.functionArn,
    accountId: config.accountId,
    authType: fn.authType,
  });
  if (!decision.allowed) {
    const why = `${decision.explicitDeny ? "explicit Deny; " : ""}missing ${decision.missing.join(", ")}`;
    ctx.log(`policy refused ${policyCaller.principal}: ${why}`);
    return { ok: false, error: accessDenied(), why: `resource policy: ${why}` };
  }
  return { ok: true, caller };
}

/**
 * More than 10 x N requests per second also get 429 under reserved concurrency N
 * (docs/platform-facts.md#function-url-throttling); returns whether the request at `now` is one too many.
 */
export function rateLimiter(reservedConcurrency: number | undefined): (now: number) => boolean {
  const recentStarts: number[] = [];
  return (now) => {
    if (reservedConcurrency === undefined) return false;
    while (recentStarts.length > 0 && (recentStarts[0] ?? 0) <= now - 1000) recentStarts.shift();
    if (recentStarts.length >= 10 * reservedConcurrency) return true;
    recentStarts.push(now);
    return false;
  };
}

/** Admits a request or answers it with AWS's refusal (and returns undefined). */
export function createAdmission(ctx: ServiceContext): RequestSteps["admit"] {
  const { fn, events } = ctx;
  const overRate = rateLimiter(fn.reservedConcurrency);
  return async (req, res, { requestId }) => {
    events?.emit("hop:started", { requestId, hop: "function-url-auth", authType: fn.authType });
    const refuse = (error: AwsErrorResponse, why: string): undefined => {
      events?.emit("hop:ended", {
        requestId,
        hop: "function-url-auth",
        outcome: "refused",
        status: error.status,
        reason: `${awsMessage(error)} (${why})`,
      });
      sendAwsError(res, error);
      return undefined;
    };
    const body = await readBody(req);
    if (body === "too-large") return refuse(payloadTooLarge(), "request body over the limit");

    const auth = await authorize(ctx, req, body);
    if (!auth.ok) return refuse(auth.error, auth.why);

    const now = ctx.clock();
    if (fn.reservedConcurrency === 0 || overRate(now)) return refuse(throttled(), "reserved concurrency");
    // The 6 MB limit is measured on the invocation payload, the event JSON
    // (docs/platform-facts.md#function-url-request-limit); measured before a container is taken, as Lambda
    // refuses without invoking.
    const event = buildFunctionUrlEvent({
      method: req.method ?? "GET",
      url: req.url ?? "/",
      headers: req.headersDistinct as Record<string, string[]>,
      body,
      sourceIp: (req.socket.remoteAddress ?? "127.0.0.1").replace(/^::ffff:/, ""),
      requestId,
      now,
      accountId: ctx.config.accountId,
      urlId: fn.urlId,
      domainName: ctx.domain,
      caller: auth.caller,
    });
    const payloadBytes = invocationPayloadBytes(event);
    if (payloadBytes > MAX_INVOCATION_PAYLOAD_BYTES) {
      ctx.log(`invocation payload of ${payloadBytes} bytes is over the 6 MB limit`);
      return refuse(payloadTooLarge(), "invocation payload over 6 MB");
    }
    events?.emit("hop:ended", {
      requestId,
      hop: "function-url-auth",
      outcome: "ok",
      facts: { kind: "caller", principal: auth.caller?.credential.principal ?? null },
    });
    events?.emit("hop:started", { requestId, hop: "lambda-event", event, payloadBytes });
    events?.emit("hop:ended", { requestId, hop: "lambda-event", outcome: "ok" });
    return { event, requestId, now };
  };
}
