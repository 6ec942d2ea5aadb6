/**
 * What the behavior's origin request policy lets through to the origin: which viewer headers, and which
 * `CloudFront-*` headers CloudFront adds. Read from the Terraform module (a managed policy's id, or the
 * module's own `aws_cloudfront_origin_request_policy`), never from a switch.
 *
 * Sources (read 2026-12-07): CloudFront API reference, OriginRequestPolicyHeadersConfig:
 * `allViewer` and `allExcept` include viewer headers only (`allExcept` all "except for those listed");
 * only `allViewerAndWhitelistCloudFront` adds "the additional CloudFront headers that are listed", and
 * `whitelist` includes only the headers listed (CloudFront headers among them: "Adding CloudFront
 * request headers", which are received at the origin through an origin request policy).
 * Managed-AllViewerExceptHostHeader (b689b0a8-53d0-40ab-baf2-68738e2966ac) is, in the API's form that
 * CloudFront applies, `HeaderBehavior: allExcept, Headers: [host]` with all cookies and query strings
 * (`aws cloudfront get-origin-request-policy`, as recorded in public infrastructure notes): so no
 * `CloudFront-*` header reaches the function under the module's policy. The managed-policies page
 * describes the policy in prose instead (its 2023 text: "All headers in the viewer request except for
 * the Host header", awsdocs/amazon-cloudfront-developer-guide@5999c0d); readers who took that prose to
 * include CloudFront headers get them from a policy that lists them (`whitelist` or
 * `allViewerAndWhitelistCloudFront`), which the module can define.
 */
import { MANAGED_ORIGIN_REQUEST_POLICY_IDS } from "../aws/cloudfront-managed-policies.js";
import type { CacheBehaviorConfig, OriginRequestPolicy } from "../config/types.js";
import { CloudFrontNotEmulatedError } from "./errors.js";

export interface OriginHeaderPolicy {
  /** The policy's name, for messages. */
  name: string;
  /** Whether a viewer header (lower-case name) goes on to the origin. */
  forwards(name: string): boolean;
  /** The `CloudFront-*` headers (lower case) CloudFront adds to the origin request. */
  cloudFrontHeaders: ReadonlySet<string>;
}

/** The managed policies' settings by id (developer guide, "Use managed origin request policies"). */
const MANAGED: Readonly<Record<string, OriginRequestPolicy>> = {
  [MANAGED_ORIGIN_REQUEST_POLICY_IDS.AllViewerExceptHostHeader]: {
    name: "Managed-AllViewerExceptHostHeader",
    headerBehavior: "allExcept",
    headers: ["host"],
    cookieBehavior: "all",
    queryStringBehavior: "all",
  },
  [MANAGED_ORIGIN_REQUEST_POLICY_IDS.AllViewer]: {
    name: "Managed-AllViewer",
    headerBehavior: "allViewer",
    headers: [],
    cookieBehavior: "all",
    queryStringBehavior: "all",
  },
};

const isCloudFrontHeader = (name: string) => name.startsWith("cloudfront-");

/** The settings in force: the module's own policy, else the managed one its id names. */
function policySettings(cf: CacheBehaviorConfig): OriginRequestPolicy {
  if (cf.originRequestPolicy) return cf.originRequestPolicy;
  const managed = MANAGED[cf.originRequestPolicyId];
  if (managed) return managed;
  throw new CloudFrontNotEmulatedError(
    `Origin request policy ${cf.originRequestPolicyId}`,
    "Managed AllViewerExceptHostHeader, or a policy the Terraform module defines, is.",
  );
}

function headerRule(policy: OriginRequestPolicy): (name: string) => boolean {
  const listed = new Set(policy.headers.map((h) => h.toLowerCase()));
  switch (policy.headerBehavior) {
    case "none":
      return () => false;
    case "whitelist":
      return (name) => listed.has(name) && !isCloudFrontHeader(name);
    case "allExcept":
      return (name) => !listed.has(name);
    default:
      return () => true;
  }
}

/**
 * The header rules of the distribution's origin request policy. Throws `CloudFrontNotEmulatedError`
 * for a policy that forwards the viewer's Host (a Function URL answers only to its own domain: the
 * managed page gives that as AllViewerExceptHostHeader's reason) or leaves out cookies or query strings.
 */
export function originHeaderPolicy(cf: CacheBehaviorConfig): OriginHeaderPolicy {
  const policy = policySettings(cf);
  const forwards = headerRule(policy);
  if (forwards("host")) {
    throw new CloudFrontNotEmulatedError(
      `Origin request policy ${policy.name} forwarding the viewer's Host header to a Function URL origin`,
      "Only policies that leave Host out (as AllViewerExceptHostHeader does) are.",
    );
  }
  if (policy.cookieBehavior !== "all" || policy.queryStringBehavior !== "all") {
    throw new CloudFrontNotEmulatedError(
      `Origin request policy ${policy.name} with cookies ${policy.cookieBehavior} and query strings ${policy.queryStringBehavior}`,
      "Only all cookies and all query strings are.",
    );
  }
  const addsCloudFront =
    policy.headerBehavior === "whitelist" || policy.headerBehavior === "allViewerAndWhitelistCloudFront";
  const cloudFrontHeaders = new Set(
    addsCloudFront ? policy.headers.map((h) => h.toLowerCase()).filter(isCloudFrontHeader) : [],
  );
  return { name: policy.name, forwards, cloudFrontHeaders };
}
