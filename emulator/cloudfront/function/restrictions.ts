/**
 * What `cloudfront-js-2.0` refuses, checked locally the way CloudFront refuses it.
 * Sources: CloudFront developer guide, edge-functions-restrictions ("HTTP headers": disallowed and
 * read-only headers; "Runtime": no dynamic code evaluation, no network, file system or timers;
 * "Compute utilization") and functions-javascript-runtime-20 ("Built-in modules", "Restricted features").
 */
import { CloudFrontConfigError, CloudFrontNotEmulatedError } from "../errors.js";
import type { CfRequest, CfValue } from "./event.js";

/**
 * Disallowed headers: "not exposed to edge functions, and functions can't add them. If your function adds
 * one of these headers, it fails CloudFront validation and CloudFront returns HTTP status code 502".
 */
const DISALLOWED_HEADERS = new Set([
  "connection",
  "expect",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "trailer",
  "upgrade",
  "x-accel-buffering",
  "x-accel-charset",
  "x-accel-limit-rate",
  "x-accel-redirect",
  "x-amzn-auth",
  "x-amzn-cf-billing",
  "x-amzn-cf-id",
  "x-amzn-cf-xff",
  "x-amzn-errortype",
  "x-amzn-fle-profile",
  "x-amzn-header-count",
  "x-amzn-header-order",
  "x-amzn-lambda-integration-tag",
  "x-amzn-requestid",
  "x-cache",
  "x-forwarded-proto",
  "x-real-ip",
]);
const DISALLOWED_PREFIXES = ["x-amz-cf-", "x-edge-"];

/** Read-only in viewer request events: functions "can't add, modify, or delete" them (same page). */
const READ_ONLY_VIEWER_REQUEST_HEADERS: ReadonlySet<string> = new Set([
  "content-length",
  "host",
  "transfer-encoding",
  "via",
]);

export function isDisallowedHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return DISALLOWED_HEADERS.has(lower) || DISALLOWED_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

/** Modules `require` can load in runtime 2.0 (functions-javascript-runtime-20, "Built-in modules"). */
export const SUPPORTED_MODULES: ReadonlySet<string> = new Set([
  "crypto",
  "querystring",
  "buffer",
  "cloudfront",
]);

/** The quota on function code size (quotas on CloudFront Functions: 10 KB). */
export const MAX_FUNCTION_CODE_BYTES = 10 * 1024;

/**
 * Refuses, before anything runs, code CloudFront would not publish or that could never work there.
 * Each error names the file and the rule.
 */
export function checkPublishable(code: string, where: string): void {
  const size = Buffer.byteLength(code);
  if (size > MAX_FUNCTION_CODE_BYTES) {
    throw new CloudFrontConfigError(
      `${where} is ${size} bytes; the function code size limit is ${MAX_FUNCTION_CODE_BYTES} bytes (10 KB, quotas on CloudFront Functions).`,
    );
  }
  // Assumption: a literal require of a module the runtime lacks, or a dynamic import(), is refused
  // before the function runs, not at its first request (harsher than failing per request).
  for (const match of code.matchAll(/\brequire\s*\(\s*(["'`])([^"'`]*)\1\s*\)/g)) {
    const module = match[2] ?? "";
    if (module === "cloudfront") {
      throw new CloudFrontNotEmulatedError(
        "Key value stores",
        `${where} requires "cloudfront" for its KeyValueStore helpers.`,
      );
    }
    if (!SUPPORTED_MODULES.has(module)) {
      throw new CloudFrontConfigError(
        `${where} requires "${module}": cloudfront-js-2.0 provides only ${[...SUPPORTED_MODULES].join(", ")} (functions-javascript-runtime-20, built-in modules).`,
      );
    }
  }
  if (/\bimport\s*\(/.test(code)) {
    throw new CloudFrontConfigError(
      `${where} uses import(): CloudFront Functions have no module loading (functions-javascript-runtime-20).`,
    );
  }
}

function values(entry: CfValue | undefined): string[] | undefined {
  if (!entry) return undefined;
  return entry.multiValue?.length ? entry.multiValue.map((v) => v.value) : [entry.value];
}

/**
 * The rule a returned request breaks, or undefined. A read-only header added, changed or removed, a
 * disallowed header added (edge-functions-restrictions: validation fails, the viewer gets 502), or a
 * changed method. Assumption: `method` is documented read-only (functions-event-structure) without
 * saying what a change does; it is treated like a read-only header.
 */
export function validationProblem(before: CfRequest, after: CfRequest): string | undefined {
  if (after.method !== before.method)
    return `changed the read-only method ${before.method} to ${String(after.method)}`;
  const names = new Set([...Object.keys(before.headers ?? {}), ...Object.keys(after.headers ?? {})]);
  for (const name of names) {
    const was = values(before.headers?.[name]);
    const now = values(after.headers?.[name]);
    if (isDisallowedHeader(name) && now) return `added the disallowed header ${name}`;
    if (READ_ONLY_VIEWER_REQUEST_HEADERS.has(name) && JSON.stringify(was) !== JSON.stringify(now)) {
      return `${was ? (now ? "changed" : "removed") : "added"} the read-only header ${name}`;
    }
  }
  return undefined;
}
