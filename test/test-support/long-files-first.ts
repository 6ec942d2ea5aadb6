/**
 * Vitest's file order with the suite's long files first. Vitest starts the files it timed in an
 * earlier run longest first, but a fresh clone (CI) has no such timings, and by default starts larger
 * files first: a long file with a short text could then start last and run alone at the end while
 * the other worker idles. These files took 20 s or more each in the measured runs (the slowest-files
 * summary at the end of `npm test` lists them); they start first, in this order, and the rest follow
 * in Vitest's own order.
 */
import path from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

export const LONG_FILES: readonly string[] = [
  "security/weakened-target.test.ts",
  "security/attack.test.ts",
  "bench/bench.test.ts",
  "test/containers/compose.test.ts",
  "test/chain/second-module-conformance.test.ts",
  "handler/src/spoiler-corpus-disguised.test.ts",
  "handler/src/spoiler-corpus-adversarial.test.ts",
  "test/chain/delivery.test.ts",
  "test/e2e/playground.test.ts",
];

/** `files` with those in `long` first, in its order; the others keep their order. */
export function longFirst<T>(files: readonly T[], relativePath: (file: T) => string, long = LONG_FILES): T[] {
  const rank = (file: T) => long.indexOf(relativePath(file));
  const first = files.filter((f) => rank(f) >= 0).sort((a, b) => rank(a) - rank(b));
  return [...first, ...files.filter((f) => rank(f) < 0)];
}

export default class LongFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    return longFirst(await super.sort(files), (f) =>
      path.relative(root, f.moduleId).split(path.sep).join("/"),
    );
  }
}
