/**
 * The emulated CloudFront's slice of the stack's configuration (`config/types.ts` re-exports it): each
 * distribution with its default and ordered cache behaviours, each behaviour with its origin.
 */
import type {
  CloudFrontFunctionSource,
  HttpMethod,
  OriginAccessControl,
  OriginRequestPolicy,
} from "../terraform/facts.js";

/**
 * A cache behaviour: which methods it allows, its policies and CloudFront Function, and the origin it
 * sends requests to (a function's URL, with the origin's OAC and read timeout).
 */
export interface CacheBehaviorConfig {
  allowedMethods: HttpMethod[];
  cachedMethods: HttpMethod[];
  cachePolicyId: string;
  /** A managed policy's id; `module:<name>` when the policy is `originRequestPolicy`. */
  originRequestPolicyId: string;
  /** An origin request policy the module defines itself; absent for a managed one (by its id). */
  originRequestPolicy?: OriginRequestPolicy;
  /** Path to the viewer-request CloudFront Function source, when one is attached. */
  viewerRequestFunction?: CloudFrontFunctionSource;
  /** The function whose URL the behaviour's origin is (its name); absent: the first (`functionUrl`). */
  originFunction?: string;
  /** The origin's `origin_id` in Terraform, for the banner; absent for the defaults. */
  originId?: string;
  originReadTimeoutSeconds: number;
  /** The origin's Origin Access Control; undefined means none (requests go to the origin unsigned). */
  oac?: OriginAccessControl;
}

/** An ordered cache behaviour: a path pattern, then what the behaviour does (CloudFront guide, "Path pattern"). */
export interface OrderedCacheBehaviorConfig extends CacheBehaviorConfig {
  /** `*` matches 0 or more characters, `?` exactly one; case-sensitive; a leading `/` changes nothing. */
  pathPattern: string;
}

/**
 * A distribution: its own fields, its default cache behaviour (`Default (*)`, the fields it extends, as
 * they were when a distribution had only that one) and its ordered behaviours, tried in order before it.
 */
export interface DistributionConfig extends CacheBehaviorConfig {
  distributionId: string;
  /** `<id>.cloudfront.net` stand-in. */
  domainName: string;
  /** In order: the first whose path pattern matches the request's path applies; none: the default. */
  orderedBehaviors?: OrderedCacheBehaviorConfig[];
}

/** The module's first (or only) distribution, and where the emulated CloudFront listens for all of them. */
export interface CloudFrontConfig extends DistributionConfig {
  host: string;
  port: number;
  /** The path the stack's endpoint names (`RunningStack.endpoint`; this project's `/chatbot`); default `/`. */
  endpointPath?: string;
}
