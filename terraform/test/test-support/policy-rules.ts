/**
 * The security and fidelity rules terraform/test/policy.test.ts applies to the module, in the order it runs
 * them; each theme's rules live in policy-rules-<theme>.ts.
 */
import type { PolicyRule } from "./policy-rule.js";
import {
  allowedMethods,
  httpsOnly,
  managedPolicies,
  oacLambdaAlwaysSigv4,
  readTimeoutKeepalive,
  viewerRequestFunction,
} from "./policy-rules-distribution.js";
import {
  functionUrlAuthType,
  functionUrlInvokeMode,
  lambdaPermissions,
} from "./policy-rules-function-url.js";
import {
  environmentLocalOnly,
  environmentSecrets,
  lambdaLoggingJson,
  runtimeSupported,
} from "./policy-rules-lambda.js";
import { executionRoleScoped, providerPinned, stateBackend } from "./policy-rules-module.js";

export type { PolicyRule };

export const POLICY_RULES: PolicyRule[] = [
  functionUrlAuthType,
  functionUrlInvokeMode,
  oacLambdaAlwaysSigv4,
  allowedMethods,
  managedPolicies,
  lambdaPermissions,
  environmentLocalOnly,
  environmentSecrets,
  httpsOnly,
  viewerRequestFunction,
  runtimeSupported,
  lambdaLoggingJson,
  readTimeoutKeepalive,
  stateBackend,
  executionRoleScoped,
  providerPinned,
];
