/**
 * The request path of the emulated Function URL: the virtual host (which function's URL), the CORS
 * preflight, then admission (authorize.ts) and the invocation (invoke.ts). The health check and an emulator fault are answered
 * around it by `httpService` (stack/http-service.ts): a fault is logged and answered with
 * `emulatorFault()`, or cuts a response already started; it never takes the server down.
 */
import { randomUUID } from "node:crypto";
import type http from "node:http";
import { isLoopbackHost } from "../common/loopback.js";
import type { ErrorAnswer } from "../stack/http-service.js";
import { unknownFunctionUrl } from "./aws-errors.js";
import { isPreflight } from "./cors.js";
import type { RequestScope, RequestSteps, ServiceContext } from "./service-context.js";
import { answerPreflight, sendAwsError } from "./stream-response.js";

function hostnameOf(host: string | undefined): string {
  if (host === undefined) return "";
  const h = host.trim().toLowerCase();
  if (h.startsWith("[")) return h.slice(0, h.indexOf("]") + 1);
  return h.split(":")[0] ?? "";
}

/** One function behind the listener: what its requests read, and their steps. */
export interface HostedFunction {
  ctx: ServiceContext;
  steps: RequestSteps;
}

/**
 * The function whose URL a Host names. Assumption: a loopback Host maps to the first function, for dev
 * convenience (a plain `curl 127.0.0.1:9001`); any other host is answered like an unknown url-id.
 */
function route(functions: readonly HostedFunction[], host: string | undefined): HostedFunction | undefined {
  const hostname = hostnameOf(host);
  return (
    functions.find((f) => f.ctx.domain === hostname) ?? (isLoopbackHost(hostname) ? functions[0] : undefined)
  );
}

async function handle(
  functions: readonly HostedFunction[],
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const method = req.method ?? "GET";
  const target = route(functions, req.headers.host);
  if (!target) {
    req.resume();
    sendAwsError(res, unknownFunctionUrl());
    return;
  }
  const { ctx, steps } = target;
  const origin = typeof req.headers.origin === "string" ? req.headers.origin : undefined;
  const { cors } = ctx.fn;
  if (cors && isPreflight(cors, method, req.headers)) {
    answerPreflight(ctx, cors, req, res, origin);
    return;
  }
  const scope: RequestScope = { requestId: randomUUID(), origin };
  const cfId = req.headers["x-amz-cf-id"];
  ctx.events?.emit("request:received", {
    requestId: scope.requestId,
    service: "function-url",
    cfId: typeof cfId === "string" ? cfId : undefined,
  });
  const admitted = await steps.admit(req, res, scope);
  if (admitted) await steps.invoke(req, res, scope, admitted);
}

/** The HTTP listener of the service: each request through its function's steps; a rejection is an emulator fault. */
export function requestListener(
  functions: readonly HostedFunction[],
): (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> {
  return (req, res) => handle(functions, req, res);
}

/**
 * A fault of the emulator itself, before any byte of the answer: plain text that says so, never an AWS
 * error (which would pass for Lambda's own answer) and never the fault's text.
 */
export function emulatorFault(): ErrorAnswer {
  return { status: 500, headers: { "content-type": "text/plain" }, body: "emulator error" };
}
