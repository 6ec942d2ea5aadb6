/**
 * Weakened exposure surfaces: `security/exposure-surfaces.ts` (the emulator's Cognito, Gemini stub and
 * CloudFront with their dev-access guard, and the page's answer renderer) bundled with ONE source file
 * replaced by its patched text, e.g. a check of emulator/stack/dev-access.ts turned into `if (false)`.
 * The exposure cases build these parts in-process, so a weakened target hands them this bundle instead
 * of the repository's modules (`LocalPowers.surfaces`); the stack's own services are not involved. As
 * for the handler's variants, a patch whose file is not in the bundle fails the build.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ExposureSurfaces } from "../exposure-surfaces.js";
import { buildPatched } from "./patched-bundle.js";

/**
 * Bundles the surfaces into `dir` (inside node_modules, so bare imports resolve) with the repository
 * file `file` replaced by `contents`; resolves with a loader of the bundle.
 */
export async function buildSurfaces(
  file: string,
  contents: string,
  dir: string,
): Promise<() => Promise<ExposureSurfaces>> {
  const outfile = path.join(dir, "exposure-surfaces.mjs");
  await buildPatched({
    entry: "security/exposure-surfaces.ts",
    file,
    contents: () => contents,
    outfile,
    bundleName: "the surfaces' bundle",
  });
  return () => import(pathToFileURL(outfile).href) as Promise<ExposureSurfaces>;
}
