/**
 * A copy of a pact file holding only some interactions: used to verify one behaviour in
 * isolation, and to leave out what a deployed stack cannot be put into.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

interface PactInteraction {
  description: string;
  providerStates?: Array<{ name: string }>;
}

export interface PactSubset {
  file: string;
  kept: string[];
  left: string[];
  remove(): void;
}

export function pactSubset(source: string, keep: (interaction: PactInteraction) => boolean): PactSubset {
  const pact = JSON.parse(readFileSync(source, "utf8")) as { interactions: PactInteraction[] };
  const kept = pact.interactions.filter(keep);
  const left = pact.interactions.filter((interaction) => !keep(interaction));
  const dir = mkdtempSync(path.join(os.tmpdir(), "pact-subset-"));
  const file = path.join(dir, path.basename(source));
  writeFileSync(file, JSON.stringify({ ...pact, interactions: kept }));
  return {
    file,
    kept: kept.map((i) => i.description),
    left: left.map((i) => i.description),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
