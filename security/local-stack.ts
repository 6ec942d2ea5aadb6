/**
 * The local targets: the offline twin started in-process (every power, a JWKS proxy spliced between
 * the function and Cognito), or an already running twin reached over its pinned dev endpoints.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { createForger } from "../emulator/cognito/forge.js";
import { openKeyStore } from "../emulator/cognito/key-store.js";
import { functionUrlDomain } from "../emulator/config/defaults.js";
import type { DeliveryMode, StackConfig } from "../emulator/config/types.js";
import type { JournalEntry } from "../emulator/gemini/journal.js";
import { type RunningStack, startStack } from "../emulator/stack/running-stack.js";
import type { ExposureSurfaces } from "./exposure-surfaces.js";
import { type JwksProxy, startJwksProxy } from "./jwks-proxy.js";
import { createTarget, type LocalPowers, type Sizes, type Target } from "./target.js";

/** The repository's own surfaces for the exposure cases (a weakened target swaps in a patched build). */
const loadSurfaces = (): Promise<ExposureSurfaces> => import("./exposure-surfaces.js");

export interface AttackStack {
  stack: RunningStack;
  target: Target;
  logs: string[];
  close(): Promise<void>;
}

/** Fault deadlines in seconds, not minutes: the function's model timeout and keep-alive for the suite. */
export function attackTuning(config: StackConfig): StackConfig {
  const tuned = structuredClone(config);
  tuned.functionUrl.environment.MODEL_TIMEOUT_MS = "4000";
  tuned.functionUrl.environment.KEEPALIVE_MS = "500";
  tuned.functionUrl.maxContainers = Math.max(tuned.functionUrl.maxContainers, 200);
  tuned.gemini.pieceDelayMs = Math.min(tuned.gemini.pieceDelayMs, 5);
  return tuned;
}

/**
 * Starts Cognito and the Gemini stub, a JWKS proxy in front of Cognito, then the Function URL (whose
 * function fetches the JWKS through the proxy) and CloudFront.
 */
export async function startAttackStack(
  config: StackConfig,
  sizes: Sizes,
  log?: (line: string) => void,
): Promise<AttackStack> {
  // Checked before anything starts: the control and most cases sign in as the first demo user.
  if (!config.cognito.users[0]) throw new Error("the config has no demo user");
  const logs: string[] = [];
  const collect = (line: string) => {
    logs.push(line);
    log?.(line);
  };
  const { stack, proxy, deliveryEndpoint } = await startProxiedStack(config, collect);
  const bound = stack.config;
  const local = { ...inProcessPowers(stack, proxy, logs), deliveryEndpoint };
  const target = createTarget({
    label: `local stack (in-process) ${stack.endpoint}`,
    endpoint: stack.endpoint,
    sizes,
    geminiApiKey: bound.gemini.apiKey,
    validToken: () => local.mint(),
    functionUrl: {
      url: `http://${bound.functionUrl.host}:${bound.functionUrl.port}`,
      host: functionUrlDomain(bound),
      region: bound.region,
    },
    local,
  });
  return {
    stack,
    target,
    logs,
    close: () => stack.close(),
  };
}

/**
 * The chatbot endpoint under a given delivery mode: the stack's own front when it runs that mode, else
 * a second Function URL and CloudFront (ports of their own) in front of the same Cognito, JWKS proxy
 * and stub, started on first use and closed with the stack.
 */
function deliveryFronts(frontConfig: StackConfig, front: RunningStack, log: (line: string) => void) {
  const started = new Map<DeliveryMode, Promise<RunningStack>>();
  return {
    async endpoint(mode: DeliveryMode): Promise<string> {
      if (front.config.functionUrl.delivery.mode === mode) return front.endpoint;
      let other = started.get(mode);
      if (!other) {
        const config = structuredClone(frontConfig);
        config.functionUrl.delivery = { ...config.functionUrl.delivery, mode };
        config.functionUrl.port = 0;
        config.cloudfront.port = 0;
        other = startStack(config, { services: ["functionUrl", "cloudfront"], log });
        started.set(mode, other);
      }
      return (await other).endpoint;
    },
    async close(): Promise<void> {
      for (const other of started.values()) await (await other.catch(() => undefined))?.close();
    },
  };
}

/** The in-process stack, with the services the attack suite reaches into. */
type ProxiedStack = RunningStack & Required<Pick<RunningStack, "cognito" | "gemini" | "functionUrl">>;

/**
 * The back services (Cognito, the stub, SSM) first, then the JWKS proxy in front of Cognito, then the
 * front (Function URL and CloudFront) configured to reach Cognito through the proxy. One stack to
 * close, front first.
 */
async function startProxiedStack(
  config: StackConfig,
  log: (line: string) => void,
): Promise<{
  stack: ProxiedStack;
  proxy: JwksProxy;
  deliveryEndpoint: (mode: DeliveryMode) => Promise<string>;
}> {
  const backends = await startStack(config, { services: ["cognito", "gemini", "ssm"], log });
  const cognitoPort = backends.config.cognito.port;
  const proxy = await startJwksProxy({ host: backends.config.cognito.host, port: cognitoPort });
  const frontConfig = structuredClone(backends.config);
  // The function's COGNITO_JWKS_URI is derived from the Cognito address: point it at the proxy.
  frontConfig.cognito.port = proxy.port;
  let front: RunningStack;
  try {
    front = await startStack(frontConfig, { services: ["functionUrl", "cloudfront"], log });
    front.config.cognito.port = cognitoPort;
  } catch (error) {
    await proxy.close();
    await backends.close();
    throw error;
  }
  const { cognito, gemini } = backends;
  const functionUrl = front.functionUrl;
  if (!cognito || !gemini || !functionUrl) throw new Error("the stack started without a needed service");
  const fronts = deliveryFronts(frontConfig, front, log);
  const stack: ProxiedStack = {
    config: front.config,
    urls: { ...backends.urls, ...front.urls },
    endpoint: front.endpoint,
    cognito,
    gemini,
    functionUrl,
    async close() {
      await fronts.close();
      await front.close();
      await proxy.close();
      await backends.close();
    },
  };
  return { stack, proxy, deliveryEndpoint: fronts.endpoint };
}

/** Every local power, held directly: the services' own handles, the proxy's switch, the collected logs. */
function inProcessPowers(stack: ProxiedStack, proxy: JwksProxy, logs: string[]): LocalPowers {
  const { config: bound, cognito, gemini, functionUrl } = stack;
  const alice = bound.cognito.users[0];
  if (!alice) throw new Error("the config has no demo user");
  const intruder = bound.credentials.others[0];
  return {
    mint: async (options: { claims?: Record<string, unknown>; expiresIn?: number } = {}) =>
      (await cognito.mintTokens(alice.username, options)).idToken,
    forger: async () =>
      createForger({
        keys: cognito.keys,
        issuer: cognito.issuer,
        clientId: bound.cognito.clientId,
        user: alice,
      }),
    async rotateKeys(retireOld) {
      await cognito.keys.rotate({ retireOld });
      return { current: cognito.keys.current("id").kid };
    },
    journal: async () => gemini.journal.list(),
    jwks: { fetches: () => proxy.fetches(), setDown: (down) => proxy.setDown(down) },
    reloadFunction: () => functionUrl.reload("attack suite: cold start"),
    functionStats: () => functionUrl.stats(),
    logs: () => logs,
    memoryBytes: () => process.memoryUsage().rss,
    credentials: intruder
      ? {
          cloudfront: bound.credentials.cloudfront,
          intruder,
        }
      : undefined,
    stubMarkers: true,
    modelTimeoutMs: Number(bound.functionUrl.environment.MODEL_TIMEOUT_MS ?? 30_000),
    surfaces: loadSurfaces,
  };
}

/**
 * A twin someone else started (e.g. `npm start`), reached over HTTP: minting, rotation and the journal go
 * through the pinned dev endpoints; forging reads the pool's key file from the state folder. No JWKS switch,
 * no cold starts, no logs.
 */
export function runningStackTarget(config: StackConfig, sizes: Sizes): Target {
  const cognitoUrl = `http://${config.cognito.host}:${config.cognito.port}`;
  const stubUrl = `http://${config.gemini.host}:${config.gemini.port}`;
  const alice = config.cognito.users[0];
  if (!alice) throw new Error("the config has no demo user");
  const intruder = config.credentials.others[0];
  const postJson = async (url: string, body: unknown) => {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${url} answered ${res.status}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const mint = async (options: { claims?: Record<string, unknown>; expiresIn?: number } = {}) =>
    String((await postJson(`${cognitoUrl}/_dev/tokens`, { username: alice.username, ...options })).idToken);
  const keyFile = path.join(config.stateDir, "cognito", "keys.json");
  const issuer = `https://cognito-idp.${config.cognito.userPoolId.split("_")[0]}.amazonaws.com/${config.cognito.userPoolId}`;
  return createTarget({
    label: `local stack (running) ${`http://${config.cloudfront.host}:${config.cloudfront.port}/chatbot`}`,
    endpoint: `http://${config.cloudfront.host}:${config.cloudfront.port}/chatbot`,
    sizes,
    geminiApiKey: config.gemini.apiKey,
    validToken: () => mint(),
    functionUrl: {
      url: `http://${config.functionUrl.host}:${config.functionUrl.port}`,
      host: functionUrlDomain(config),
      region: config.region,
    },
    local: {
      mint,
      // Re-read on every use: the running pool may have rotated since.
      forger: existsSync(keyFile)
        ? async () =>
            createForger({
              keys: openKeyStore(config.stateDir),
              issuer,
              clientId: config.cognito.clientId,
              user: alice,
            })
        : undefined,
      async rotateKeys(retireOld) {
        const answer = await postJson(`${cognitoUrl}/_dev/keys/rotate`, { retireOld });
        return { current: String((answer.current as { id?: unknown } | undefined)?.id) };
      },
      async journal() {
        const res = await fetch(`${stubUrl}/_stub/requests`);
        return ((await res.json()) as { requests: JournalEntry[] }).requests;
      },
      credentials: intruder ? { cloudfront: config.credentials.cloudfront, intruder } : undefined,
      stubMarkers: true,
      modelTimeoutMs: Number(config.functionUrl.environment.MODEL_TIMEOUT_MS ?? 30_000),
      surfaces: loadSurfaces,
    },
  });
}
