/**
 * Where a module other than this project's starts from (`--terraform DIR`): the pinned local services and
 * identities of `defaults.ts`, without anything of this project's function.
 */
import path from "node:path";
import { defaultConfig, REPO_ROOT } from "./defaults.js";
import type { StackConfig } from "./types.js";

/** The Terraform module `npm start` reads when given none: this project's own. */
export const OWN_MODULE_DIR = path.join(REPO_ROOT, "terraform");

/**
 * The defaults for a module other than this project's (`--terraform DIR`): the same local services,
 * identities and emulator settings, but nothing of this project's function. Its code comes from the zip
 * Terraform deploys; its environment, permissions, CORS, role and logging from the module; no local value
 * is wired into its environment; no key parameter is seeded; no CloudFront Function runs.
 */
export function otherModuleDefaults(config: StackConfig = defaultConfig()): StackConfig {
  const next = structuredClone(config);
  const fn = next.functionUrl;
  Object.assign(fn, {
    codeFrom: "artifact",
    sourceEntry: "",
    bundleEntry: "",
    useBundle: false,
    environment: {},
    permissions: [],
    logging: { logFormat: "Text" },
  });
  for (const key of [
    "artifact",
    "watch",
    "apiKeySource",
    "cors",
    "localEnvironment",
    "secretParameter",
  ] as const)
    delete fn[key];
  // A module without a distribution keeps the local one, in front of its first function.
  for (const key of ["viewerRequestFunction", "originFunction", "originId", "endpointPath"] as const)
    delete next.cloudfront[key];
  delete next.ssm.kmsKeyVariable;
  return next;
}
