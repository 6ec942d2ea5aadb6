/**
 * The module's functions as one list, whichever field holds them (`functionUrl` is the first,
 * `functions` the others by name), and what the stack derives for each: its URL's virtual host and the
 * session its execution role's keys stand for.
 */
import { createHash } from "node:crypto";
import type { FunctionConfig, RoleSessionKeys, StackConfig } from "./types.js";

/**
 * Every function with a URL, the first one first.
 *
 * @example stackFunctions(config).map((fn) => fn.functionName) // ["chatbot-query"]
 */
export function stackFunctions(config: StackConfig): FunctionConfig[] {
  return [config.functionUrl, ...Object.values(config.functions ?? {})];
}

/** The function named `name`, or undefined. */
export function findFunction(config: StackConfig, name: string): FunctionConfig | undefined {
  return stackFunctions(config).find((fn) => fn.functionName === name);
}

/** `<url-id>.lambda-url.<region>.on.aws`: the virtual host a function's URL answers to. */
export function urlDomain(region: string, fn: Pick<FunctionConfig, "urlId">): string {
  return `${fn.urlId}.lambda-url.${region}.on.aws`;
}

/**
 * The execution role's session keys Lambda gives `fn`: the configured ones for the first function
 * (`credentials.functionRole`), keys derived from the function's name for the others, so each function's
 * calls (to SSM) are told apart by their keys, as each role's session would be.
 */
export function functionRoleKeys(config: StackConfig, fn: FunctionConfig): RoleSessionKeys {
  if (fn.functionName === config.functionUrl.functionName) return config.credentials.functionRole;
  const digest = (label: string) => createHash("sha256").update(`${label}\0${fn.functionName}`).digest();
  return {
    // Temporary keys start with ASIA and are 20 characters long.
    accessKeyId: `ASIA${digest("key").toString("hex").slice(0, 16).toUpperCase()}`,
    secretAccessKey: digest("secret")
      .toString("base64")
      .replace(/[^A-Za-z0-9]/g, "")
      .slice(0, 40),
    sessionToken: `localFunctionRoleSessionToken/${fn.functionName}/0001`,
  };
}
