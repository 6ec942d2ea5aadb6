/**
 * The origin request policy of the distribution's behavior: a managed policy's id as written, or an
 * `aws_cloudfront_origin_request_policy` of the module, read into its settings (Terraform's
 * `headers_config`, `cookies_config`, `query_strings_config`; CloudFront API reference,
 * OriginRequestPolicyConfig). What the settings do to an origin request is CloudFront's emulator's
 * business (`emulator/cloudfront/origin-request-policy.ts`).
 */
import { TerraformValueError } from "./errors.js";
import type { OriginRequestHeaderBehavior, OriginRequestPolicy } from "./facts.js";
import type { TerraformBlock } from "./module-loader.js";
import type { ModuleReader } from "./module-reader.js";
import { ResourceRef, toStringValue, type Value } from "./values.js";

const RESOURCE = "aws_cloudfront_origin_request_policy";

const HEADER_BEHAVIORS: readonly OriginRequestHeaderBehavior[] = [
  "none",
  "whitelist",
  "allViewer",
  "allViewerAndWhitelistCloudFront",
  "allExcept",
];
const LIST_BEHAVIORS = ["none", "whitelist", "allExcept", "all"] as const;
type ListBehavior = (typeof LIST_BEHAVIORS)[number];

/** The id a module-defined policy gets locally: CloudFront assigns the real one. */
export function modulePolicyId(name: string): string {
  return `module:${name}`;
}

/** True when `value` (the behavior's `origin_request_policy_id`) names a policy of the module. */
export function isModulePolicy(value: Value): value is ResourceRef {
  return value instanceof ResourceRef && value.type === RESOURCE;
}

async function behavior<T extends string>(
  reader: ModuleReader,
  block: TerraformBlock,
  attrPath: string[],
  allowed: readonly T[],
): Promise<T> {
  const value = await reader.string(block, attrPath);
  if (!(allowed as readonly string[]).includes(value)) {
    throw new TerraformValueError(
      reader.at(block, attrPath),
      `${attrPath.join(".")} ${JSON.stringify(value)} (one of ${allowed.join(", ")})`,
    );
  }
  return value as T;
}

async function headerNames(reader: ModuleReader, block: TerraformBlock): Promise<string[]> {
  const items = await reader.optional(block, ["headers_config", "headers", "items"]);
  if (items === null) return [];
  if (!Array.isArray(items)) {
    throw new TerraformValueError(
      reader.at(block, ["headers_config", "headers", "items"]),
      "headers_config.headers.items must be a list of header names",
    );
  }
  return items.map((item) => toStringValue(item).toLowerCase());
}

/** The settings of the `aws_cloudfront_origin_request_policy` that `ref` points at. */
export async function readOriginRequestPolicy(
  reader: ModuleReader,
  ref: ResourceRef,
  at: Parameters<ModuleReader["referenced"]>[2],
): Promise<OriginRequestPolicy> {
  const block = await reader.referenced(ref, RESOURCE, at);
  return {
    name: await reader.string(block, ["name"]),
    headerBehavior: await behavior(reader, block, ["headers_config", "header_behavior"], HEADER_BEHAVIORS),
    headers: await headerNames(reader, block),
    cookieBehavior: await behavior<ListBehavior>(
      reader,
      block,
      ["cookies_config", "cookie_behavior"],
      LIST_BEHAVIORS,
    ),
    queryStringBehavior: await behavior<ListBehavior>(
      reader,
      block,
      ["query_strings_config", "query_string_behavior"],
      LIST_BEHAVIORS,
    ),
  };
}
