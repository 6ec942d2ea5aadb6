/**
 * Case 5, cost centres: the per-request work the chain adds, each timed on its own in batches
 * (one op is too short for one clock reading), with the real code: the handler's authenticator
 * (aws-jwt-verify, JWKS cache warm), CloudFront's OAC signer, the Function URL's SigV4 verifier
 * and its event builder.
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import vm from "node:vm";
import { buildViewerRequestEvent } from "../../emulator/cloudfront/function/event.js";
import { loadViewerRequestFunction } from "../../emulator/cloudfront/function/runtime.js";
import { functionUrlDomain, localFunctionEnvironment } from "../../emulator/config/defaults.js";
import type { StackConfig } from "../../emulator/config/types.js";
import { credentialStoreFromConfig } from "../../emulator/function-url/auth/credential-store.js";
import { verifySigV4 } from "../../emulator/function-url/auth/sigv4-verify.js";
import { buildFunctionUrlEvent } from "../../emulator/function-url/event-builder.js";
import { createAuthenticator } from "../../handler/src/auth.js";
import { loadConfig } from "../../handler/src/config.js";
import type { ChatRequest } from "../chat-client.js";
import { signLikeOac } from "./paired-chain.js";

export interface CostSamples {
  /** Microseconds per operation, one value per batch. */
  jwtVerifyUs: number[];
  sigv4SignUs: number[];
  sigv4VerifyUs: number[];
  eventBuildUs: number[];
  /** The viewer-request CloudFront Function (forward-authorization.js) run in its sandbox. */
  cloudfrontFunctionUs: number[];
  /**
   * The same function file in a fresh node:vm context, bare, with and without a `timeout` (with one,
   * Node starts and joins a watchdog thread per call): isolates what the sandbox's parts cost.
   */
  vmFreshContextUs: number[];
  vmFreshContextTimeoutUs: number[];
}

async function perOp(batches: number, size: number, op: () => unknown): Promise<number[]> {
  const out: number[] = [];
  for (let b = 0; b < batches; b++) {
    const t = performance.now();
    for (let i = 0; i < size; i++) await op();
    out.push(((performance.now() - t) * 1000) / size);
  }
  return out;
}

export async function measureCostCentres(
  config: StackConfig,
  chat: ChatRequest,
  batches: number,
  size: number,
): Promise<CostSamples> {
  const jwtVerify = await warmAuthenticator(config, chat);
  const { sign, verify, build } = await functionUrlOps(config, chat);
  const viewerFunction = viewerFunctionOps(config, chat);

  const cloudfrontFunctionUs = await perOp(batches, size, viewerFunction.run);
  // Its thread builds the next sandbox between runs: ended here, so it takes no core from the rest.
  await viewerFunction.close();
  return {
    cloudfrontFunctionUs,
    vmFreshContextUs: await perOp(batches, size, viewerFunction.bare({})),
    vmFreshContextTimeoutUs: await perOp(batches, size, viewerFunction.bare({ timeout: 1000 })),
    jwtVerifyUs: await perOp(batches, size, jwtVerify),
    sigv4SignUs: await perOp(batches, size, sign),
    sigv4VerifyUs: await perOp(batches, size, verify),
    eventBuildUs: await perOp(batches, size, build),
  };
}

/** The handler's token check, its JWKS cache filled as by the first request of a container. */
async function warmAuthenticator(config: StackConfig, chat: ChatRequest): Promise<() => Promise<unknown>> {
  const authenticate = createAuthenticator(loadConfig(localFunctionEnvironment(config)));
  const authHeaders = { "x-forwarded-authorization": `Bearer ${chat.idToken}` };
  await authenticate(authHeaders);
  return () => authenticate(authHeaders);
}

/**
 * The Function URL's side of one request: CloudFront's OAC signature over it, the URL's SigV4 check
 * of that signature, and the event the URL builds for the function.
 */
async function functionUrlOps(config: StackConfig, chat: ChatRequest) {
  const host = functionUrlDomain(config);
  const body = Buffer.from(chat.body);
  const cf = config.credentials.cloudfront;
  const sign = () => signLikeOac(config, chat.bodySha256);
  const headers = { host, "content-type": "application/json", ...(await sign()) };
  const store = credentialStoreFromConfig(config);
  const verify = async () => {
    const result = await verifySigV4({ method: "POST", path: "/chatbot", query: "", headers, body }, store, {
      region: config.region,
      service: "lambda",
    });
    if (!result.ok) throw new Error(`SigV4 verification failed: ${result.reason}`);
  };
  const eventHeaders: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(headers)) eventHeaders[k] = [v];
  eventHeaders["x-forwarded-authorization"] = [`Bearer ${chat.idToken}`];
  const build = () =>
    buildFunctionUrlEvent({
      method: "POST",
      url: "/chatbot",
      headers: eventHeaders,
      body,
      sourceIp: "127.0.0.1",
      requestId: "bench",
      now: Date.now(),
      accountId: config.accountId,
      urlId: config.functionUrl.urlId,
      domainName: host,
      caller: { credential: cf, accessKeyId: cf.accessKeyId },
    });
  return { sign, verify, build };
}

/**
 * The viewer-request CloudFront Function on one request's event: run in its sandbox, and the same
 * file run `bare` in a fresh node:vm context with the given options.
 */
function viewerFunctionOps(config: StackConfig, chat: ChatRequest) {
  const fnSpec = config.cloudfront.viewerRequestFunction;
  if (!fnSpec) throw new Error("the config attaches no viewer-request function to measure");
  const cfFunction = loadViewerRequestFunction({ name: fnSpec.name, file: fnSpec.file });
  const viewerEvent = viewerRequestEvent(config, chat);
  const bareScript = new vm.Script(readFileSync(fnSpec.file, "utf8"), { filename: fnSpec.file });
  const bareInvoke = new vm.Script("handler(JSON.parse(__event))");
  const eventJson = JSON.stringify(viewerEvent);
  return {
    run: () => cfFunction.run(viewerEvent),
    close: () => cfFunction.close(),
    bare: (options: vm.RunningScriptOptions) => () => {
      const context = vm.createContext({ __event: eventJson });
      bareScript.runInContext(context, options);
      return bareInvoke.runInContext(context, options);
    },
  };
}

function viewerRequestEvent(config: StackConfig, chat: ChatRequest) {
  return buildViewerRequestEvent(
    {
      method: "POST",
      path: "/chatbot",
      rawQuery: "",
      rawHeaders: [
        "host",
        `${config.cloudfront.host}:${config.cloudfront.port}`,
        "content-type",
        "application/json",
        "authorization",
        `Bearer ${chat.idToken}`,
        "x-amz-content-sha256",
        chat.bodySha256,
      ],
    },
    {
      distributionDomainName: config.cloudfront.domainName,
      distributionId: config.cloudfront.distributionId,
      requestId: "bench",
      viewerIp: "127.0.0.1",
    },
  );
}
