/**
 * CloudFront's managed policies the emulator knows, by name and id. Sources: CloudFront developer guide, "Use
 * managed cache policies" and "Use managed origin request policies"
 * (docs/platform-facts.md#origin-request-policies). Only CachingDisabled and AllViewerExceptHostHeader are
 * emulated (`cloudfront/distribution-config.ts`); the others are listed so the Terraform reader can resolve a
 * lookup of them and the distribution check can name what it refuses.
 *
 * @example
 * managedPolicyIdByName("Managed-CachingDisabled"); // "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
 */

/** Managed cache policies. */
export const MANAGED_CACHE_POLICY_IDS = {
  CachingDisabled: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
  CachingOptimized: "658327ea-f89d-4fab-a63d-7e88639e58f6",
} as const;

/** Managed origin request policies. */
export const MANAGED_ORIGIN_REQUEST_POLICY_IDS = {
  AllViewerExceptHostHeader: "b689b0a8-53d0-40ab-baf2-68738e2966ac",
  AllViewer: "216adef6-5c7f-47e4-b989-5492eafa07d3",
} as const;

const BY_MANAGED_NAME: ReadonlyMap<string, string> = new Map(
  Object.entries({ ...MANAGED_CACHE_POLICY_IDS, ...MANAGED_ORIGIN_REQUEST_POLICY_IDS }).map(([name, id]) => [
    `Managed-${name}`,
    id,
  ]),
);

/**
 * The id of a managed policy by the name a `data "aws_cloudfront_cache_policy"` or
 * `"aws_cloudfront_origin_request_policy"` block looks up (`Managed-<Name>`); undefined when unknown.
 */
export function managedPolicyIdByName(name: string): string | undefined {
  return BY_MANAGED_NAME.get(name);
}
