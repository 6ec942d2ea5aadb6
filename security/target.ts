/**
 * What the suite attacks: a viewer endpoint, optionally the Function URL behind it, and, for the local
 * stack only, "local powers" (minting and forging tokens with the local key, the stub journal, key
 * rotation, a JWKS outage switch, cold starts, service logs). Cases name the powers they need; against a
 * deployed stack those cases are skipped with a reason.
 */
import type { SigningCredentials } from "../emulator/aws/sigv4-sign.js";
import type { Forger } from "../emulator/cognito/forge.js";
import type { JournalEntry } from "../emulator/gemini/journal.js";
import type { ExposureSurfaces } from "./exposure-surfaces.js";
import { type AttackRequest, type AttackResponse, send } from "./http.js";
import { SecretRecorder } from "./secrets.js";

export type Power =
  | "mint"
  | "forge"
  | "journal"
  | "rotate"
  | "jwks"
  | "reload"
  | "sigv4"
  | "functionUrl"
  | "logs"
  | "stub"
  | "memory"
  | "stats"
  | "surfaces"
  | "delivery";

export interface FunctionUrlAccess {
  /** Base URL to connect to, e.g. `http://127.0.0.1:9001`. */
  url: string;
  /** `<url-id>.lambda-url.<region>.on.aws`, sent as Host and signed. */
  host: string;
  region: string;
}

export interface LocalPowers {
  /** A fresh ID token for the demo user, minted with the pool's current key. */
  mint(options?: { claims?: Record<string, unknown>; expiresIn?: number }): Promise<string>;
  /** The forged-token toolkit bound to the pool's current keys. */
  forger?(): Promise<Forger>;
  rotateKeys?(retireOld: boolean): Promise<{ current: string }>;
  journal?(): Promise<JournalEntry[]>;
  jwks?: { fetches(): number; setDown(down: boolean): void };
  /** The next request gets a fresh container (a cold start). */
  reloadFunction?(): void;
  functionStats?(): { coldStarts: number; invocations: number; liveContainers: number; died: number };
  logs?(): string[];
  /** RSS of the process that runs the function's containers, in bytes. */
  memoryBytes?(): number;
  /** SigV4 credentials: the CloudFront principal (allowed) and one that is not in the resource policy. */
  credentials?: { cloudfront: SigningCredentials; intruder: SigningCredentials };
  /** The stub's `[[stub:NAME]]` markers drive the model. */
  stubMarkers: boolean;
  /** Model timeout the function runs with (MODEL_TIMEOUT_MS), for fault deadlines. */
  modelTimeoutMs: number;
  /** The twin's dev surfaces and the page's renderer, built in-process by the exposure cases. */
  surfaces?(): Promise<ExposureSurfaces>;
  /** The chatbot endpoint of a chain whose Function URL delivers in `mode` (FUNCTION_URL_DELIVERY). */
  deliveryEndpoint?(mode: "immediate" | "lambda"): Promise<string>;
}

export interface Sizes {
  fuzzCases: number;
  loadConcurrent: number;
  loadSequential: number;
  /** Parallel requests during fuzzing. */
  fuzzConcurrency: number;
}

export const FULL_SIZES: Sizes = {
  fuzzCases: 5000,
  loadConcurrent: 200,
  loadSequential: 2000,
  fuzzConcurrency: 8,
};

export interface Target {
  label: string;
  /** The chatbot endpoint a viewer calls (through CloudFront). */
  endpoint: string;
  /** A valid ID token (minted locally, or given with `--token`). */
  validToken(): Promise<string>;
  functionUrl?: FunctionUrlAccess;
  local?: LocalPowers;
  secrets: SecretRecorder;
  sizes: Sizes;
  /** Sends a request, registers any bearer token it carries and records the answer for the secrets scan. */
  send(where: string, req: AttackRequest): Promise<AttackResponse>;
  has(power: Power): boolean;
}

export function createTarget(
  fields: Omit<Target, "send" | "has" | "secrets"> & { geminiApiKey?: string },
): Target {
  const secrets = new SecretRecorder(fields.geminiApiKey);
  const { geminiApiKey: _key, ...rest } = fields;
  const target: Target = {
    ...rest,
    secrets,
    async send(where, req) {
      for (const [name, value] of Object.entries(req.headers ?? {})) {
        const lower = name.toLowerCase();
        if (lower === "authorization" || lower === "x-forwarded-authorization") {
          for (const v of Array.isArray(value) ? value : [value]) secrets.addAuthorizationValue(v);
        }
      }
      const res = await send(req);
      secrets.record(`${where} headers`, JSON.stringify(res.headers));
      secrets.record(`${where} body`, res.body);
      return res;
    },
    has(power) {
      // Reaching the Function URL directly needs no local power, only its address (`--function-url`).
      if (power === "functionUrl") return target.functionUrl !== undefined;
      const local = target.local;
      if (!local) return false;
      switch (power) {
        case "mint":
          return true;
        case "forge":
          return local.forger !== undefined;
        case "journal":
          return local.journal !== undefined;
        case "rotate":
          return local.rotateKeys !== undefined;
        case "jwks":
          return local.jwks !== undefined;
        case "reload":
          return local.reloadFunction !== undefined;
        case "sigv4":
          return local.credentials !== undefined && target.functionUrl !== undefined;
        case "logs":
          return local.logs !== undefined;
        case "stub":
          return local.stubMarkers;
        case "memory":
          return local.memoryBytes !== undefined;
        case "stats":
          return local.functionStats !== undefined;
        case "surfaces":
          return local.surfaces !== undefined;
        case "delivery":
          return local.deliveryEndpoint !== undefined;
      }
    },
  };
  return target;
}

/** A deployed stack: the viewer endpoint, a token the caller supplies and, optionally, the Function URL behind it. */
export function remoteTarget(
  endpoint: string,
  token: string | undefined,
  sizes: Sizes,
  functionUrl?: string,
): Target {
  const direct = functionUrl ? new URL(functionUrl) : undefined;
  return createTarget({
    label: `remote ${endpoint}`,
    endpoint,
    sizes,
    functionUrl: direct
      ? {
          url: direct.origin,
          host: direct.host,
          // `<url-id>.lambda-url.<region>.on.aws`
          region: direct.hostname.split(".")[2] ?? "us-east-1",
        }
      : undefined,
    validToken: async () => {
      if (!token) throw new Error("no --token given for the remote target");
      return token;
    },
  });
}
