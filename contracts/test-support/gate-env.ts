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
  /** Environment name for can-i-deploy. */
  environment: string;
}

/** `PACT_BROKER_BASE_URL` set -> publish + can-i-deploy; unset -> undefined (local gate only). */
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
  };
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
