export {
  type SourceLocation,
  TerraformError,
  TerraformNotEmulatedError,
  TerraformParseError,
  TerraformValueError,
} from "./errors.js";
export { describeNotEmulated, describeTerraformLinks, type TerraformLink } from "./links.js";
export { type LoadTerraformOptions, loadTerraformConfig } from "./load-terraform-config.js";
export { loadTerraformModule, type TerraformModule } from "./module-loader.js";
