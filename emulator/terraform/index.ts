export type { SourceLocation } from "./errors.js";
export {
  TerraformError,
  TerraformNotEmulatedError,
  TerraformParseError,
  TerraformValueError,
} from "./errors.js";
export type { LocalStandIns, TerraformFacts } from "./facts.js";
export { type FactsCacheOptions, readTerraformFactsCached } from "./facts-cache.js";
export { loadTerraformModule, type TerraformModule } from "./module-loader.js";
export { type ReadTerraformOptions, readTerraformFacts } from "./read-terraform-facts.js";
