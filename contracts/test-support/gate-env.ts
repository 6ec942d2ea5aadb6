/**
 * Environment of the contract gate, read in one place. Every variable is optional: without a
 * broker the gate is the local verification; without a provider URL the provider is the emulator.
 */
import { execFileSync } from "node:child_process";

export interface BrokerEnv {
  url: string;
  token?: string;
  username?: string;
  password?: string;
  /** This build's version (both pacticipants live in this repository, so they share it). */
  version: string;
  branch?: string;
  /** Environment name for can-i-deploy and record-deployment. */
  environment: string;
  /** can-i-deploy asks again while the answer is unknown: this many times, this many seconds apart. */
  retryWhileUnknown: number;
  retryInterval: number;
  /** `pact-broker --log-level`, to diagnose a broker problem (the gate redacts credentials from it). */
  logLevel?: BrokerLogLevel;
}

/** The values `pact-broker --log-level` accepts (`pact-broker publish --help`, pact-cli 18.1.2). */
const LOG_LEVELS = ["off", "none", "error", "warn", "info", "debug", "trace"] as const;
export type BrokerLogLevel = (typeof LOG_LEVELS)[number];

/** `PACT_BROKER_BASE_URL` set -> publish, can-i-deploy, record-deployment; unset -> undefined (local gate only). */
export function brokerEnv(env: NodeJS.ProcessEnv = process.env): BrokerEnv | undefined {
  const url = env.PACT_BROKER_BASE_URL?.trim();
  if (!url) return undefined;
  const version = env.CONTRACT_VERSION || env.GITHUB_SHA || git(["rev-parse", "HEAD"]);
  if (!version) {
    throw new Error(
      "PACT_BROKER_BASE_URL is set but no version is known: set CONTRACT_VERSION (e.g. the git sha)",
    );
  }
  const branch =
    env.CONTRACT_BRANCH || env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME || git(["branch", "--show-current"]);
  return {
    url: url.replace(/\/+$/, ""),
    ...(env.PACT_BROKER_TOKEN ? { token: env.PACT_BROKER_TOKEN } : {}),
    ...(env.PACT_BROKER_USERNAME
      ? { username: env.PACT_BROKER_USERNAME, password: env.PACT_BROKER_PASSWORD ?? "" }
      : {}),
    version,
    ...(branch ? { branch } : {}),
    environment: env.PACT_DEPLOY_ENVIRONMENT || "production",
    retryWhileUnknown: wholeNumber(env, "CONTRACT_CAN_I_DEPLOY_RETRIES", 3),
    retryInterval: wholeNumber(env, "CONTRACT_CAN_I_DEPLOY_RETRY_INTERVAL", 10),
    ...(env.CONTRACT_BROKER_LOG_LEVEL ? { logLevel: logLevel(env.CONTRACT_BROKER_LOG_LEVEL) } : {}),
  };
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name]?.trim();
  if (!value) return fallback;
  if (!/^\d+$/.test(value)) throw new Error(`${name} must be a whole number, not "${value}"`);
  return Number(value);
}

function logLevel(value: string): BrokerLogLevel {
  const level = LOG_LEVELS.find((l) => l === value.trim().toLowerCase());
  if (!level)
    throw new Error(`CONTRACT_BROKER_LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, not "${value}"`);
  return level;
}

export interface RemoteProviderEnv {
  /** Base URL of the deployed distribution; the pact's `/chatbot` is appended. */
  url: string;
  idToken: string;
  expiredIdToken?: string;
}

/** `CONTRACT_PROVIDER_URL` set -> verify a deployed stack; it then needs `CONTRACT_ID_TOKEN`. */
export function remoteProviderEnv(env: NodeJS.ProcessEnv = process.env): RemoteProviderEnv | undefined {
  const url = env.CONTRACT_PROVIDER_URL?.trim();
  if (!url) return undefined;
  if (!env.CONTRACT_ID_TOKEN) {
    throw new Error("CONTRACT_PROVIDER_URL is set but CONTRACT_ID_TOKEN (a valid Cognito ID token) is not");
  }
  return {
    url: url.replace(/\/chatbot\/?$/, "").replace(/\/+$/, ""),
    idToken: env.CONTRACT_ID_TOKEN,
    ...(env.CONTRACT_EXPIRED_ID_TOKEN ? { expiredIdToken: env.CONTRACT_EXPIRED_ID_TOKEN } : {}),
  };
}

function git(args: string[]): string | undefined {
  try {
    return (
      execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim() || undefined
    );
  } catch {
    return undefined;
  }
}
