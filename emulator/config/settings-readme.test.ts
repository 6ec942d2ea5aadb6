/** README's configuration table is the settings table (settings.ts): the same rows, values and defaults. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { REPO_ROOT } from "./defaults.js";
import { SETTINGS } from "./settings.js";

function readmeTable(): string[][] {
  const lines = readFileSync(path.join(REPO_ROOT, "README.md"), "utf8").split("\n");
  const header = lines.findIndex((line) =>
    /^\|\s*variable\s*\|\s*values\s*\|\s*default\s*\|\s*effect\s*\|$/.test(line),
  );
  expect(header, "README has a table | variable | values | default | effect |").toBeGreaterThan(-1);
  const rows: string[][] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith("|")) break;
    rows.push(
      line
        .slice(1, -1)
        .split(" | ")
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

it("lists every variable, in the settings' order, with its values, default and effect", () => {
  const expected = Object.entries(SETTINGS).map(([name, s]) => [
    `\`${name}\``,
    s.kind.values,
    s.default,
    s.effect,
  ]);
  expect(readmeTable()).toEqual(expected);
});
