/**
 * Deployment packages made at test time (never committed): a zip of the given files, written to a
 * temporary folder, as a build step would write one for Terraform's `filename`.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { strToU8, zipSync } from "fflate";

export interface ZipFolder {
  /** Writes `files` (path in the zip -> content) as `<name>.zip`; returns its path. */
  zip(name: string, files: Record<string, string>): string;
  remove(): void;
}

export function zipFolder(): ZipFolder {
  const dir = mkdtempSync(path.join(tmpdir(), "function-zip-"));
  return {
    zip(name, files) {
      const file = path.join(dir, `${name}.zip`);
      const entries = Object.fromEntries(Object.entries(files).map(([p, text]) => [p, strToU8(text)]));
      writeFileSync(file, zipSync(entries));
      return file;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
