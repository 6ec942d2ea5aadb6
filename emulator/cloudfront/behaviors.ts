/**
 * A distribution's cache behaviours, resolved once when its server is created: each ordered one with
 * its path pattern, then `Default (*)`; each with its methods, its origin request policy's rules, its
 * CloudFront Function, and the origin it sends requests to (a function's URL, its OAC and read timeout).
 */
import type { CacheBehaviorConfig, CloudFrontFunctionSource, DistributionConfig } from "../config/types.js";
import type { Behavior } from "./distribution.js";
import { CloudFrontConfigError } from "./errors.js";
import type { ViewerRequestFunction } from "./function/runtime.js";
import { originHeaderPolicy } from "./origin-request-policy.js";
import { pathPatternMatcher } from "./path-pattern.js";

export interface BehaviorSources {
  /** The URL domain of each function, by name; `undefined` names the first function. */
  originDomains: { first: string; byFunction: Readonly<Record<string, string>> };
  /** Loads a CloudFront Function (the server keeps one per function, however many behaviours use it). */
  loadFunction(source: CloudFrontFunctionSource): ViewerRequestFunction;
  /** Overrides every behaviour's read timeout with a finer value (tests). */
  readTimeoutMs?: number;
}

function originDomain(b: CacheBehaviorConfig, sources: BehaviorSources, where: string): string {
  if (b.originFunction === undefined) return sources.originDomains.first;
  const domain = sources.originDomains.byFunction[b.originFunction];
  if (domain === undefined) {
    throw new CloudFrontConfigError(
      `${where}the origin is the URL of function ${b.originFunction}, which the stack does not run.`,
    );
  }
  return domain;
}

function resolve(
  b: CacheBehaviorConfig,
  sources: BehaviorSources,
  at: { pathPattern?: string; matches: (path: string) => boolean },
): Behavior {
  const where = at.pathPattern === undefined ? "" : `Cache behavior ${JSON.stringify(at.pathPattern)}: `;
  return {
    ...at,
    allowedMethods: b.allowedMethods,
    fn: b.viewerRequestFunction && sources.loadFunction(b.viewerRequestFunction),
    originDomain: originDomain(b, sources, where),
    oac: b.oac?.signingBehavior,
    readTimeoutMs: sources.readTimeoutMs ?? b.originReadTimeoutSeconds * 1000,
    originHeaders: originHeaderPolicy(b),
  };
}

/** The behaviours in the order CloudFront tries them: the ordered ones as listed, then the default. */
export function openBehaviors(cf: DistributionConfig, sources: BehaviorSources): Behavior[] {
  const ordered = (cf.orderedBehaviors ?? []).map((b) =>
    resolve(b, sources, { pathPattern: b.pathPattern, matches: pathPatternMatcher(b.pathPattern) }),
  );
  return [...ordered, resolve(cf, sources, { matches: () => true })];
}
