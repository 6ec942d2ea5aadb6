/**
 * Bundles an entry of the repository the way the emulator bundles its sources
 * (emulator/common/source-bundle.ts), with ONE repository file served as its patched text. A patch
 * whose file the bundle never loads fails the build, so a stale weakness cannot quietly test the
 * unweakened code.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";
import { sourceBundleOptions } from "../../emulator/common/source-bundle.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface PatchedBundle {
  /** Repository-relative entry and patched file. */
  entry: string;
  file: string;
  /** The patched file's text, read when esbuild loads it (a patch that no longer applies throws there). */
  contents: () => string;
  outfile: string;
  /** Names the bundle in the error for a patch it does not load ("the bundle"). */
  bundleName: string;
}

export async function buildPatched(bundle: PatchedBundle): Promise<void> {
  const target = path.join(ROOT, bundle.file);
  let applied = false;
  const plugin: Plugin = {
    name: "weaken",
    setup(b) {
      b.onLoad({ filter: /\.tsx?$/ }, (args) => {
        if (args.path !== target) return undefined;
        applied = true;
        return { contents: bundle.contents(), loader: target.endsWith(".tsx") ? "tsx" : "ts" };
      });
    },
  };
  await build({
    ...sourceBundleOptions(),
    entryPoints: [path.join(ROOT, bundle.entry)],
    // The exposure surfaces include the page's answer renderer (React).
    jsx: "automatic",
    outfile: bundle.outfile,
    plugins: [plugin],
  });
  if (!applied) throw new Error(`weakness patch target ${bundle.file} is not in ${bundle.bundleName}`);
}
