import { MANAGED_CACHE_POLICY_IDS } from "../aws/cloudfront-managed-policies.js";
import type { CacheBehaviorConfig, DistributionConfig, HttpMethod } from "../config/types.js";
import { CloudFrontConfigError, CloudFrontNotEmulatedError } from "./errors.js";
import { originHeaderPolicy } from "./origin-request-policy.js";
import { checkPathPattern } from "./path-pattern.js";

/** The only managed cache policy emulated. */
const CACHING_DISABLED_POLICY_ID = MANAGED_CACHE_POLICY_IDS.CachingDisabled;

// CloudFront API reference, API_AllowedMethods: the only sets the API accepts.
const VALID_ALLOWED_SETS: readonly HttpMethod[][] = [
  ["GET", "HEAD"],
  ["GET", "HEAD", "OPTIONS"],
  ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"],
];
const VALID_CACHED_SETS: readonly HttpMethod[][] = [
  ["GET", "HEAD"],
  ["GET", "HEAD", "OPTIONS"],
];

/** CloudFront's rule, quoted in the error so the fix is obvious. */
const ALLOWED_METHODS_RULE =
  "AllowedMethods must be exactly [GET,HEAD], [GET,HEAD,OPTIONS] or [GET,HEAD,OPTIONS,PUT,PATCH,POST,DELETE]";
const CACHED_METHODS_RULE = "CachedMethods must be exactly [GET,HEAD] or [GET,HEAD,OPTIONS]";

/** Origin read timeout bounds: 1-60 s by default, up to 180 s with a quota increase (developer guide). */
const MIN_READ_TIMEOUT_SECONDS = 1;
const MAX_READ_TIMEOUT_SECONDS = 180;

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  return a.length === left.size && left.size === b.length && b.every((m) => left.has(m));
}

function show(methods: readonly string[]): string {
  return `[${methods.join(",")}]`;
}

/**
 * Refuses a distribution the CloudFront API would refuse at apply time, and settings the emulator does
 * not reproduce, in its default behaviour and in each ordered one (whose messages name its path
 * pattern). Terraform does not check the method sets; CloudFront does
 * (docs/platform-facts.md#allowed-methods).
 */
export function validateDistributionConfig(cf: DistributionConfig): void {
  validateBehavior(cf, "");
  const seen = new Set<string>();
  for (const behavior of cf.orderedBehaviors ?? []) {
    checkPathPattern(behavior.pathPattern);
    const where = `Cache behavior ${JSON.stringify(behavior.pathPattern)}: `;
    // Assumption: CloudFront refuses two behaviours with one pattern (the second could never apply).
    if (seen.has(behavior.pathPattern)) {
      throw new CloudFrontConfigError(`${where}the path pattern is used by an earlier cache behavior.`);
    }
    seen.add(behavior.pathPattern);
    validateBehavior(behavior, where);
  }
}

function validateMethods(cf: CacheBehaviorConfig, where: string): void {
  if (!VALID_ALLOWED_SETS.some((set) => sameSet(cf.allowedMethods, set))) {
    throw new CloudFrontConfigError(
      `${where}Invalid allowed methods ${show(cf.allowedMethods)}: ${ALLOWED_METHODS_RULE}.`,
    );
  }
  if (!VALID_CACHED_SETS.some((set) => sameSet(cf.cachedMethods, set))) {
    throw new CloudFrontConfigError(
      `${where}Invalid cached methods ${show(cf.cachedMethods)}: ${CACHED_METHODS_RULE}.`,
    );
  }
  // Assumption: CloudFront refuses cached methods that are not also allowed (OPTIONS cached, not allowed).
  const notAllowed = cf.cachedMethods.filter((m) => !cf.allowedMethods.includes(m));
  if (notAllowed.length > 0) {
    throw new CloudFrontConfigError(
      `${where}Invalid cached methods ${show(cf.cachedMethods)}: ${show(notAllowed)} not in allowed methods ${show(cf.allowedMethods)}.`,
    );
  }
}

function validateBehavior(cf: CacheBehaviorConfig, where: string): void {
  validateMethods(cf, where);
  if (cf.cachePolicyId !== CACHING_DISABLED_POLICY_ID) {
    throw new CloudFrontNotEmulatedError(
      `${where}Cache policy ${cf.cachePolicyId}`,
      `Only CachingDisabled (${CACHING_DISABLED_POLICY_ID}) is.`,
    );
  }
  // The origin request policy: a managed one by id, or the module's own (origin-request-policy.ts).
  originHeaderPolicy(cf);
  const timeout = cf.originReadTimeoutSeconds;
  if (
    !Number.isInteger(timeout) ||
    timeout < MIN_READ_TIMEOUT_SECONDS ||
    timeout > MAX_READ_TIMEOUT_SECONDS
  ) {
    throw new CloudFrontConfigError(
      `${where}Invalid origin read timeout ${timeout}: must be a whole number of seconds from ${MIN_READ_TIMEOUT_SECONDS} to ${MAX_READ_TIMEOUT_SECONDS}.`,
    );
  }
  const fn = cf.viewerRequestFunction;
  if (fn && fn.runtime !== "cloudfront-js-2.0") {
    throw new CloudFrontNotEmulatedError(
      `${where}CloudFront Function runtime ${fn.runtime}`,
      "Only cloudfront-js-2.0 is.",
    );
  }
  validateOac(cf, where);
}

function validateOac(cf: CacheBehaviorConfig, where: string): void {
  const oac = cf.oac;
  if (!oac) return;
  if (oac.originType !== "lambda" || oac.signingProtocol !== "sigv4") {
    throw new CloudFrontNotEmulatedError(
      `${where}Origin access control ${oac.originType}/${oac.signingProtocol}`,
      "Only lambda/sigv4 is.",
    );
  }
  if (oac.signingBehavior === "always-amz-auth") {
    // In the API since 2026-10-01 for Lambda-Web origins (aws-sdk-java-v2 CHANGELOG 2.55.10); which
    // headers it signs and how it treats the viewer's Authorization are not documented.
    throw new CloudFrontNotEmulatedError(
      `${where}OAC signing behavior always-amz-auth`,
      "Only always, no-override and never are.",
    );
  }
  if (!["always", "no-override", "never"].includes(oac.signingBehavior)) {
    // API_OriginAccessControlConfig: SigningBehavior is one of always | never | no-override | always-amz-auth.
    throw new CloudFrontConfigError(
      `${where}Invalid OAC signing behavior ${String(oac.signingBehavior)}: must be always, never, no-override or always-amz-auth.`,
    );
  }
}
