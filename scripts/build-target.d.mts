/** Types for build-target.mjs (plain JS so scripts/build-handler.mjs runs it with bare Node). */
/** esbuild's target (`node24`) for the one `nodejs<major>.x` runtime in terraform/lambda.tf's text. */
export function buildTarget(lambdaTf: string): string;
