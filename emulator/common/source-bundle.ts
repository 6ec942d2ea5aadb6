/**
 * The esbuild settings of every bundle of the repository's own sources that runs beside the installed
 * packages: the handler and the worker runtime compiled once for the Function URL's containers
 * (function-url/module-build.ts), the CloudFront Function's thread (cloudfront/function/host.ts), and the
 * attack suite's weakened handler and surfaces (security/weakened/). The repository's modules are
 * inlined into one ESM file and every npm package stays an import, so the output loads the same
 * installed packages the sources would.
 *
 * The shipped bundle (scripts/build-handler.mjs) has its own settings on purpose: it inlines every
 * package (the zip carries no node_modules), adds a `require` for CommonJS dependencies, and targets the
 * Lambda runtime Terraform declares. It is plain JavaScript run by bare Node, so it cannot import this.
 */
import type { BuildOptions } from "esbuild";

/** esbuild's target for code the emulator's own Node runs. */
const HOST_TARGET = `node${process.versions.node.split(".")[0]}`;

/** The shared settings; `target` is the Node the output runs on (default: the emulator's own). */
export function sourceBundleOptions(target: string = HOST_TARGET): BuildOptions {
  return { bundle: true, packages: "external", format: "esm", platform: "node", target, logLevel: "silent" };
}
