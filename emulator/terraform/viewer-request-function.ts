/** The `aws_cloudfront_function` a cache behaviour runs on viewer-request. */
import { TerraformNotEmulatedError } from "./errors.js";
import type { CloudFrontFunctionSource } from "./facts.js";
import type { HclBody } from "./module-loader.js";
import type { ModuleReader } from "./module-reader.js";
import type { NestedBlock } from "./nested-block.js";
import { FileValue, toStringValue } from "./values.js";

/** Undefined when no function is associated; the code must come from `file(...)`, so the emulator can run it. */
export async function readViewerRequestFunction(
  reader: ModuleReader,
  behavior: NestedBlock,
): Promise<CloudFrontFunctionSource | undefined> {
  const raw = behavior.body.function_association;
  const associations = Array.isArray(raw) ? raw : [];
  let result: CloudFrontFunctionSource | undefined;
  for (const association of associations as HclBody[]) {
    const at = behavior.at(["function_association"]);
    const eventType = toStringValue(await reader.evaluator.evaluate(association.event_type, at));
    if (eventType !== "viewer-request") {
      throw new TerraformNotEmulatedError(at, `CloudFront Function on ${eventType} (only viewer-request)`);
    }
    const ref = await reader.evaluator.evaluate(association.function_arn, at);
    const block = await reader.referenced(ref, "aws_cloudfront_function", at);
    const code = await reader.evaluator.evaluate(block.body.code, reader.at(block, ["code"]));
    if (!(code instanceof FileValue)) {
      throw new TerraformNotEmulatedError(
        reader.at(block, ["code"]),
        "inline function code (read it with file() from a .js file)",
      );
    }
    result = {
      name: await reader.string(block, ["name"]),
      file: code.path,
      runtime: await reader.string(block, ["runtime"]),
    };
  }
  return result;
}
