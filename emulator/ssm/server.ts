/**
 * The emulated SSM Parameter Store: `POST /` with `X-Amz-Target: AmazonSSM.<Operation>` (AWS JSON 1.1,
 * the protocol of the service model in @aws-sdk/client-ssm), SigV4-signed for service `ssm`.
 * `GetParameter` is answered (the one call the handler makes); every other SSM operation is a
 * `NotEmulatedException` (501), never an AWS answer. The store holds the function's Gemini key at the
 * name Terraform declares, and each call is checked against the caller's policies (authorize.ts).
 *
 * The function finds it through AWS_ENDPOINT_URL_SSM (config/defaults.ts `localFunctionEnvironment`).
 *
 * @example
 * const ssm = createSsmServer({ config: defaultConfig() });
 * const { url } = await ssm.listen(0, "127.0.0.1");
 * // new SSMClient({ endpoint: url, region: "us-east-1", credentials: <the role session> })
 * await ssm.close();
 */
import { randomUUID } from "node:crypto";
import type http from "node:http";
import { AMZ_JSON, parseJsonBody } from "../aws/json-protocol.js";
import type { SigV4Request } from "../aws/sigv4-types.js";
import { verifySigV4 } from "../aws/sigv4-verify.js";
import type { StackConfig } from "../config/types.js";
import { type EmulatedService, httpService } from "../stack/http-service.js";
import type { ServiceLog } from "../stack/logger.js";
import { type SsmCaller, ssmCallers } from "./authorize.js";
import {
  internalError,
  isSsmAnswer,
  SSM_SIGV4_ANSWERS,
  SsmError,
  SsmNotEmulatedError,
  SsmRefusal,
  toWireError,
} from "./errors.js";
import { type GetParameterContext, getParameter } from "./get-parameter.js";
import { createParameterStore, stackParameters } from "./parameters.js";

const TARGET_PREFIX = "AmazonSSM.";
/** SSM's request bodies are small; a larger one is refused before it is read whole. Assumption: the limit. */
const MAX_BODY_BYTES = 1024 * 1024;

export interface SsmServerOptions {
  /** The stack's configuration: the `ssm` slice, the function's parameter, role and credentials. */
  config: StackConfig;
  /** The stack adds the time and the service name (stack/logger.ts). */
  log?: ServiceLog;
  /** Milliseconds since the epoch, for SigV4's skew check and the parameter's LastModifiedDate. */
  clock?: () => number;
}

/** One call, as the journal keeps it (never a value or a secret). */
export interface SsmCall {
  operation: string;
  /** The caller's ARN, once its signature was checked. */
  caller?: string;
  name?: string;
  /** `ok` or the error type answered. */
  outcome: string;
}

export interface SsmServer extends EmulatedService {
  /** The calls answered so far, oldest first. */
  calls: SsmCall[];
}

async function readBody(req: http.IncomingMessage): Promise<Buffer | undefined> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of req) {
    size += (part as Buffer).byteLength;
    if (size > MAX_BODY_BYTES) return undefined;
    parts.push(part as Buffer);
  }
  return Buffer.concat(parts);
}

function parseJson(body: Buffer): Record<string, unknown> {
  return parseJsonBody(body.toString("utf8"), (message) => new SsmError("SerializationException", message));
}

/** Sends an answer; `x-amzn-requestid` is already set on `res`. */
function send(res: http.ServerResponse, status: number, body: unknown, errorType?: string): void {
  const bytes = Buffer.from(typeof body === "string" ? body : JSON.stringify(body), "utf8");
  res.writeHead(status, {
    "content-type": AMZ_JSON,
    "content-length": bytes.byteLength,
    ...(errorType ? { "x-amzn-errortype": errorType } : {}),
  });
  res.end(bytes);
}

export function createSsmServer(options: SsmServerOptions): SsmServer {
  const { config } = options;
  const log = options.log ?? (() => {});
  const clock = options.clock ?? Date.now;
  const where = { region: config.region, accountId: config.accountId };
  const ctx: GetParameterContext = {
    ...where,
    store: createParameterStore(stackParameters(config, new Date(clock())), where),
    requireDecryptOnAwsManagedKey: config.ssm.requireDecryptOnAwsManagedKey,
  };
  const callers = ssmCallers(config);
  const calls: SsmCall[] = [];

  const answer = async (req: http.IncomingMessage, call: SsmCall): Promise<unknown> => {
    if (req.method !== "POST") throw new SsmError("UnknownOperationException", undefined);
    const target = String(req.headers["x-amz-target"] ?? "");
    // Assumption: a missing or foreign target answers UnknownOperationException, as AWS JSON services do.
    if (!target.startsWith(TARGET_PREFIX)) throw new SsmError("UnknownOperationException", undefined);
    call.operation = target.slice(TARGET_PREFIX.length);
    const body = await readBody(req);
    if (!body) throw new SsmError("SerializationException", "Request body too large.", 413);
    const [path, query = ""] = (req.url ?? "/").split("?", 2);
    const request: SigV4Request = {
      method: "POST",
      path: path ?? "/",
      query,
      headers: req.headersDistinct,
      body,
    };
    const verified = await verifySigV4(request, callers, {
      region: config.region,
      service: "ssm",
      answers: SSM_SIGV4_ANSWERS,
      now: clock(),
    });
    if (!verified.ok) throw new SsmRefusal(verified.error);
    const caller: SsmCaller = verified.credential;
    call.caller = caller.arn;
    if (call.operation !== "GetParameter") throw new SsmNotEmulatedError(`Operation ${call.operation}`);
    const input = parseJson(body);
    call.name = typeof input.Name === "string" ? input.Name : undefined;
    return getParameter(ctx, caller, input);
  };

  const listener = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    // Set first, so every answer carries it, a fault's (httpService's) included.
    res.setHeader("x-amzn-requestid", randomUUID());
    const call: SsmCall = { operation: "?", outcome: "ok" };
    try {
      send(res, 200, await answer(req, call));
    } catch (error) {
      if (!isSsmAnswer(error)) {
        call.outcome = "InternalServerError";
        throw error; // a fault of the emulator: logged and answered by httpService
      }
      const wire = toWireError(error);
      call.outcome = wire.errorType ?? String(wire.status);
      send(res, wire.status, wire.body, wire.errorType);
    } finally {
      calls.push(call);
      // The operation, the parameter's name, who asked and the outcome: never its value or a key.
      log(
        `${call.operation} ${call.name ?? "-"} by ${call.caller ?? "an unverified caller"}: ${call.outcome}`,
      );
    }
  };

  const service = httpService(listener, {
    name: "ssm",
    internalError,
    log,
    defaults: { port: config.ssm.port, host: config.ssm.host },
  });
  return { listen: service.listen, close: service.close, calls };
}
