/**
 * A function's code as Terraform deploys it: the zip its `filename` names, unpacked once per content
 * into a folder of its own, which becomes the task root (`LAMBDA_TASK_ROOT`, Lambda's `/var/task`).
 * The folder lies outside any `node_modules` tree, so the code resolves only the packages the zip
 * carries, as in Lambda: a dependency left out of the package fails offline as it fails deployed.
 * Assumption (a gap): the AWS SDK the Node runtimes ship is not provided, so a zip that leans on it
 * fails here with Runtime.ImportModuleError while it would load in Lambda.
 *
 * @example
 * const code = createArtifactBuilder("/repo/dist/fn.zip", log);
 * const root = await code.get(); // "/tmp/lambda-artifacts/<hash>"
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { unzipSync } from "fflate";
import { tempNameFor } from "../common/temp-name.js";
import type { FunctionConfig } from "../config/types.js";
import type { LaunchSpec } from "./containers/pool-types.js";
import { containerRuntimeEntry } from "./module-build.js";

/** The function's package cannot be used: missing, not a zip, or holding a path outside its root. */
export class FunctionPackageError extends Error {
  override name = "FunctionPackageError";
}

const ROOT = path.join(tmpdir(), "lambda-artifacts");

/**
 * Refuses at start a function that runs its zip when there is none: the message says which function and
 * which file, and that it is built before the stack starts.
 */
export function checkArtifact(fn: Pick<FunctionConfig, "functionName" | "codeFrom" | "artifact">): void {
  if (fn.codeFrom !== "artifact") return;
  if (!fn.artifact) {
    throw new FunctionPackageError(
      `function ${fn.functionName} runs its deployed zip, but names none (artifact)`,
    );
  }
  if (!existsSync(fn.artifact)) {
    throw new FunctionPackageError(
      `function ${fn.functionName}: its package ${fn.artifact} does not exist; build it first (Terraform's filename names it)`,
    );
  }
}

async function readZip(zipFile: string): Promise<Buffer> {
  try {
    return await readFile(zipFile);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
    throw new FunctionPackageError(
      missing
        ? `the function's package ${zipFile} does not exist: build it first (Terraform's filename names it)`
        : `cannot read the function's package ${zipFile}: ${(error as Error).message}`,
    );
  }
}

function entries(zipFile: string, bytes: Buffer): [string, Uint8Array][] {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(new Uint8Array(bytes));
  } catch (error) {
    throw new FunctionPackageError(`${zipFile} is not a zip: ${(error as Error).message}`);
  }
  return Object.entries(files).filter(([name]) => !name.endsWith("/"));
}

/** Unpacks `zipFile` (once per content) and returns its folder. */
export async function unpackArtifact(zipFile: string): Promise<string> {
  const bytes = await readZip(zipFile);
  const dir = path.join(ROOT, createHash("sha256").update(bytes).digest("hex").slice(0, 24));
  if (existsSync(path.join(dir, ".unpacked"))) return dir;
  const partial = tempNameFor(dir);
  try {
    for (const [name, data] of entries(zipFile, bytes)) {
      const target = path.resolve(partial, name);
      if (!target.startsWith(`${partial}${path.sep}`)) {
        throw new FunctionPackageError(`${zipFile} holds a path outside its root: ${name}`);
      }
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, data);
    }
    await mkdir(partial, { recursive: true });
    await writeFile(path.join(partial, ".unpacked"), "");
    // Renamed whole: a concurrent start never runs a half-unpacked package. Another may have won.
    await rename(partial, dir).catch(async () => rm(partial, { recursive: true, force: true }));
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
  return dir;
}

/** The module path `_HANDLER` names: `src/app.handler` -> `src/app` (RIC `parseHandlerString`). */
export function handlerModule(handler: string): string {
  const base = handler.slice(handler.lastIndexOf("/") + 1);
  const dir = handler.slice(0, handler.length - base.length);
  const dot = base.indexOf(".");
  return path.posix.join(dir, dot < 0 ? base : base.slice(0, dot));
}

/**
 * The file RIC loads for `handler` from `root`: `<root>/<module path>` with "", .js, .mjs or .cjs
 * (aws-lambda-ric 4.0.2 `loadModule`), or undefined when there is none (Runtime.ImportModuleError).
 */
export function handlerFile(root: string, handler: string): string | undefined {
  const module = handlerModule(handler);
  return ["", ".js", ".mjs", ".cjs"]
    .map((ext) => path.resolve(root, `${module}${ext}`))
    .find((candidate) => existsSync(candidate));
}

export interface ArtifactBuilder {
  /** The unpacked folder; unpacked on the first call after `invalidate()`. */
  get(): Promise<string>;
  /** The next `get()` reads the zip again (after a redeploy: the zip was rebuilt). */
  invalidate(): void;
}

/**
 * What each container of a function that runs its zip starts from: under `ric` the unpacked folder is the
 * task root RIC loads `_HANDLER` from; under `worker` the file RIC would load, or one that does not exist
 * (the worker runtime then fails Init with Runtime.ImportModuleError, as RIC does).
 */
export function artifactLauncher(
  fn: FunctionConfig,
  artifact: ArtifactBuilder,
  options: { inspectPort?: number; log: (line: string) => void },
): () => Promise<LaunchSpec> {
  return async () => {
    const taskRoot = await artifact.get();
    if ((fn.containerRuntime ?? "worker") === "ric") {
      return { runtime: "ric", taskRoot, lambdaRuntime: fn.runtime, inspectPort: options.inspectPort };
    }
    const modulePath =
      handlerFile(taskRoot, fn.handler) ?? path.join(taskRoot, `${handlerModule(fn.handler)}.mjs`);
    return { runtime: "worker", workerEntry: await containerRuntimeEntry(options.log), modulePath, taskRoot };
  };
}

export function createArtifactBuilder(zipFile: string, log: (line: string) => void): ArtifactBuilder {
  let pending: Promise<string> | undefined;
  return {
    get() {
      pending ??= unpackArtifact(zipFile).then((dir) => {
        log(`running ${path.basename(zipFile)} as deployed (unpacked to ${dir})`);
        return dir;
      });
      pending.catch(() => {
        pending = undefined;
      });
      return pending;
    },
    invalidate() {
      pending = undefined;
    },
  };
}
