/**
 * A distribution's origins: each must be one of the module's Function URLs (by its domain, as the
 * stand-ins give it), with its read timeout and Origin Access Control.
 */
import { TerraformNotEmulatedError, TerraformValueError } from "./errors.js";
import type { CacheBehaviorFacts, OacSigningBehavior, OriginAccessControl } from "./facts.js";
import type { TerraformBlock } from "./module-loader.js";
import { describe, type ModuleReader } from "./module-reader.js";
import { type NestedBlock, nestedBlocks } from "./nested-block.js";
import { toStringValue } from "./values.js";

export type OriginFacts = Pick<
  CacheBehaviorFacts,
  "originId" | "originFunction" | "originReadTimeoutSeconds" | "oac"
>;

/** Each origin by its `origin_id`; `urlDomains` maps each Function URL's domain to its function. */
export async function readOrigins(
  reader: ModuleReader,
  dist: TerraformBlock,
  urlDomains: ReadonlyMap<string, string>,
): Promise<Map<string, OriginFacts>> {
  const origins = new Map<string, OriginFacts>();
  for (const origin of nestedBlocks(reader, dist, "origin")) {
    if (origin.body.s3_origin_config !== undefined) {
      throw new TerraformNotEmulatedError(origin.at(["s3_origin_config"]), "an S3 origin");
    }
    const domain = await origin.evaluate(["domain_name"]);
    const originFunction = typeof domain === "string" ? urlDomains.get(domain) : undefined;
    if (originFunction === undefined) {
      throw new TerraformNotEmulatedError(
        origin.at(["domain_name"]),
        `origin ${describe(domain)} (the emulated origins are this module's Function URLs)`,
      );
    }
    const originId = toStringValue(await origin.evaluate(["origin_id"]));
    const readTimeout = await origin.evaluate(["custom_origin_config", "origin_read_timeout"]);
    origins.set(originId, {
      originId,
      originFunction,
      // CloudFront's default (developer guide, DownloadDistValuesOrigin).
      originReadTimeoutSeconds: readTimeout === null ? 30 : Number(readTimeout),
      oac: await readOac(reader, origin),
    });
  }
  if (origins.size === 0)
    throw new TerraformValueError(dist.at, `aws_cloudfront_distribution.${dist.name} has no origin`);
  return origins;
}

async function readOac(reader: ModuleReader, origin: NestedBlock): Promise<OriginAccessControl | undefined> {
  const at = origin.at(["origin_access_control_id"]);
  const ref = await origin.evaluate(["origin_access_control_id"]);
  if (ref === null) return undefined;
  const block = await reader.referenced(ref, "aws_cloudfront_origin_access_control", at);
  const originType = await reader.string(block, ["origin_access_control_origin_type"]);
  if (originType !== "lambda") {
    throw new TerraformNotEmulatedError(
      reader.at(block, ["origin_access_control_origin_type"]),
      `OAC origin type ${originType} (only lambda)`,
    );
  }
  const signingBehavior = await reader.string(block, ["signing_behavior"]);
  // API_OriginAccessControlConfig's values; CloudFront's emulator refuses the one it does not emulate.
  if (!["always", "no-override", "never", "always-amz-auth"].includes(signingBehavior)) {
    throw new TerraformValueError(
      reader.at(block, ["signing_behavior"]),
      `signing_behavior ${signingBehavior}`,
    );
  }
  const protocol = await reader.string(block, ["signing_protocol"]);
  if (protocol !== "sigv4") {
    throw new TerraformValueError(reader.at(block, ["signing_protocol"]), `signing_protocol ${protocol}`);
  }
  return {
    originType: "lambda",
    signingBehavior: signingBehavior as OacSigningBehavior,
    signingProtocol: "sigv4",
  };
}
