/**
 * An `aws_cloudfront_distribution` in front of the module's Function URLs: its origins (origins.ts),
 * its default cache behaviour and its ordered ones in the order written (cache-behavior.ts).
 */
import { readCacheBehavior } from "./cache-behavior.js";
import { TerraformNotEmulatedError, TerraformValueError } from "./errors.js";
import type { DistributionFacts, LocalStandIns } from "./facts.js";
import type { TerraformBlock } from "./module-loader.js";
import type { ModuleReader } from "./module-reader.js";
import { nestedBlocks } from "./nested-block.js";
import { readOrigins } from "./origins.js";
import { localDistribution } from "./stand-ins.js";
import { toStringValue } from "./values.js";

/** `urlDomains`: each Function URL's domain (as the stand-ins give it) to its function's name. */
export async function readDistribution(
  reader: ModuleReader,
  dist: TerraformBlock,
  context: { urlDomains: ReadonlyMap<string, string>; local: LocalStandIns },
): Promise<DistributionFacts> {
  if (dist.body.origin_group !== undefined) {
    throw new TerraformNotEmulatedError(reader.at(dist, ["origin_group"]), "origin_group (failover origins)");
  }
  const webAcl = await reader.evaluator.evaluate(dist.body.web_acl_id, reader.at(dist, ["web_acl_id"]));
  if (webAcl !== null) {
    throw new TerraformNotEmulatedError(reader.at(dist, ["web_acl_id"]), "AWS WAF on the distribution");
  }
  const origins = await readOrigins(reader, dist, context.urlDomains);
  const [defaultBehavior] = nestedBlocks(reader, dist, "default_cache_behavior");
  if (!defaultBehavior) {
    throw new TerraformValueError(
      dist.at,
      `aws_cloudfront_distribution.${dist.name} has no default_cache_behavior`,
    );
  }
  const orderedBehaviors = [];
  for (const behavior of nestedBlocks(reader, dist, "ordered_cache_behavior")) {
    orderedBehaviors.push({
      pathPattern: toStringValue(await behavior.evaluate(["path_pattern"])),
      ...(await readCacheBehavior(reader, behavior, origins)),
    });
  }
  const stand = await localDistribution(reader, context.local, dist.name);
  return {
    resourceName: dist.name,
    id: stand.id,
    domainName: stand.domainName,
    ...(await readCacheBehavior(reader, defaultBehavior, origins)),
    orderedBehaviors,
  };
}
