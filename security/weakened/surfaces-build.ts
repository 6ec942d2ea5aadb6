/**
 * Weakened exposure surfaces: `security/exposure-surfaces.ts` (the emulator's Cognito, Gemini stub and
 * CloudFront with their dev-access guard, and the page's answer renderer) bundled with ONE source file
 * replaced by its patched text, e.g. a check of emulator/stack/dev-access.ts turned into `if (false)`.
 * The exposure cases build these parts in-process, so a weakened target hands them this bundle instead
 * of the repository's modules (`LocalPowers.surfaces`); the stack's own services are not involved. As
 * for the handler's variants, a patch whose file is not in the bundle fails the build.
 */
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build, type Plugin } from "esbuild";
import type { ExposureSurfaces } from "../exposure-surfaces.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * Bundles the surfaces into `dir` (inside node_modules, so bare imports resolve) with the repository
 * file `file` replaced by `contents`; resolves with a loader of the bundle.
 */
export async function buildSurfaces(
  file: string,
  contents: string,
  dir: string,
): Promise<() => Promise<ExposureSurfaces>> {
  const target = path.join(ROOT, file);
  let applied = false;
  const plugin: Plugin = {
    name: "weaken-surfaces",
    setup(b) {
      b.onLoad({ filter: /\.tsx?$/ }, (args) => {
        if (args.path !== target) return undefined;
        applied = true;
        return { contents, loader: target.endsWith(".tsx") ? "tsx" : "ts" };
      });
    },
  };
  const outfile = path.join(dir, "exposure-surfaces.mjs");
  await build({
    entryPoints: [path.join(ROOT, "security/exposure-surfaces.ts")],
    bundle: true,
    packages: "external",
    format: "esm",
    platform: "node",
    target: "node20",
    jsx: "automatic",
    outfile,
    logLevel: "silent",
    plugins: [plugin],
  });
  if (!applied) throw new Error(`weakness patch target ${file} is not in the surfaces' bundle`);
  return () => import(pathToFileURL(outfile).href) as Promise<ExposureSurfaces>;
}
