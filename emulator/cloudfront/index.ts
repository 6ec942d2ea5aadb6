export {
  ALL_VIEWER_EXCEPT_HOST_HEADER_POLICY_ID,
  ALLOWED_METHODS_RULE,
  CACHED_METHODS_RULE,
  CACHING_DISABLED_POLICY_ID,
  validateDistributionConfig,
} from "./distribution-config.js";
export {
  CloudFrontConfigError,
  CloudFrontFunctionExecutionError,
  CloudFrontNotEmulatedError,
} from "./errors.js";
export { applyOacSigning } from "./oac-signer.js";
export { type CloudFrontServer, type CloudFrontServerOptions, createCloudFrontServer } from "./server.js";
