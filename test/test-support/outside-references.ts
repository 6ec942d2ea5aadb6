/**
 * Finds text that points where a clone of the repository cannot follow: a file outside it (a notes
 * file, a design page kept next to the checkout) or an issue of a tracker that does not travel with
 * the code (an issue number alone). Used by test/architecture/self-contained-references.test.ts.
 *
 * A public upstream reference stays allowed: `owner/repo#N`, a URL, or "owner/repo issue #N", "RIC
 * issue #N" (aws-lambda-nodejs-runtime-interface-client) and "upstream issue #N", which name the
 * tracker they belong to. Where a fact lives in this repository is `docs/platform-facts.md`; the
 * pinned interfaces are `docs/interfaces.md`.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export interface OutsideReference {
  /** Repository-relative, with `/`. */
  file: string;
  line: number;
  why: string;
  text: string;
}

/** Comments and docs in these files are read: sources, Terraform, shell, workflows, Markdown. */
const SCANNED = /\.(ts|tsx|mts|cts|mjs|cjs|js|tf|sh|ya?ml|md)$/;
const SCANNED_NAMES = new Set(["Dockerfile", "run"]);
const SKIPPED_DIRS = new Set([
  "node_modules",
  "dist",
  "coverage",
  ".emulator-state",
  ".git",
  "pacts",
  "test-results",
]);

/** A file that is not in the repository, named by a path piece that only such files have. */
const OUTSIDE_FILES: { pattern: RegExp; why: string }[] = [
  { pattern: /aws-facts/i, why: "cites aws-facts, a notes file outside the repository" },
  { pattern: /\bshared\/(design|reference|style)\b/i, why: "cites shared/, a folder outside the repository" },
  { pattern: /\/work\/(shared|main|wt)\b/, why: "cites an absolute path of one machine" },
  { pattern: /\bshared design\b/i, why: "cites the shared design, a page outside the repository" },
];

/** The word issue, issues, PR or pull request and a number, without the tracker it belongs to. */
const TRACKER_NUMBER = /\b(issues?|pull requests?|PRs?)\s+#?\d+/gi;
/** What may stand right before such a number: `owner/repo`, a URL, `RIC` or `upstream`. */
const NAMED_TRACKER = /(?:[\w.-]+\/[\w.-]+|\bRIC|\bupstream)\s+$/i;
/** Relative paths (`../notes/x`, a Markdown link target) are resolved against the file's folder. */
const RELATIVE_PATH = /(?<![\w.])(?:\.\.\/)+[\w.-][\w./-]*/g;

/** A Markdown file named in prose (`toolchain.md`, `docs/x.md#anchor`), outside a URL. */
const MARKDOWN_NAME = /(?<![\w./-])[\w./-]*?([\w.-]+\.md)\b/g;
/** A file of a public repository at a commit (`awsdocs/guide@5999c0d`): its Markdown files are not ours. */
const UPSTREAM_AT_COMMIT = /\b[\w.-]+\/[\w.-]+@[0-9a-f]{7,40}\b/;

/**
 * Why one line points outside the repository, or an empty list. `markdownNames` are the names of the
 * repository's own Markdown files: any other `*.md` named in prose is a file a clone does not have.
 */
export function outsideReferencesIn(
  line: string,
  file: string,
  root: string,
  markdownNames: ReadonlySet<string> = new Set(),
): string[] {
  const found = OUTSIDE_FILES.filter(({ pattern }) => pattern.test(line)).map(({ why }) => why);
  const upstreamFile = UPSTREAM_AT_COMMIT.test(line);
  const prose = isProse(line, file);
  for (const token of line.split(/\s+/).filter((t) => prose && !upstreamFile && !t.includes("://"))) {
    for (const [, name] of token.matchAll(MARKDOWN_NAME)) {
      if (name !== undefined && markdownNames.size > 0 && !markdownNames.has(name)) {
        found.push(`names ${name}, which the repository does not have`);
      }
    }
  }
  for (const match of line.matchAll(TRACKER_NUMBER)) {
    const before = line.slice(0, match.index);
    if (!NAMED_TRACKER.test(before)) {
      found.push(`names "${match[0]}" without its tracker (write owner/repo#N)`);
    }
  }
  for (const [relative] of line.matchAll(RELATIVE_PATH)) {
    const target = path.resolve(root, path.dirname(file), relative.replace(/[.]+$/, ""));
    const outside = path.relative(root, target).startsWith("..");
    if (outside && prose) found.push(`points outside the repository: ${relative}`);
    else if (/(^|\/)shared\//.test(relative) && !existsInRepository(target)) {
      found.push(`points at a shared/ file the repository does not have: ${relative}`);
    }
  }
  return found;
}

/** A Markdown line or a comment: where a path is a reference, not data (a path-traversal probe). */
function isProse(line: string, file: string): boolean {
  return file.endsWith(".md") || /^\s*(\/\/|\/\*|\*|#)/.test(line) || /\s\/\/\s/.test(line);
}

/** A path as written in a comment or an import (`x.js` naming `x.ts`), or its folder for a `dir/`. */
function existsInRepository(target: string): boolean {
  const stem = target.replace(/\.(m?js|jsx)$/, "");
  return [target, `${stem}.ts`, `${stem}.tsx`].some((candidate) => existsSync(candidate));
}

function walk(root: string, dir: string, out: string[]): void {
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = dir === "" ? entry.name : `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) walk(root, rel, out);
    } else if (SCANNED.test(entry.name) || SCANNED_NAMES.has(entry.name)) {
      out.push(rel);
    }
  }
}

/** Every scanned file of the repository (repository-relative), but `skip`. */
export function scannedFiles(root: string, skip: ReadonlySet<string> = new Set()): string[] {
  const files: string[] = [];
  walk(root, "", files);
  return files.filter((file) => !skip.has(file)).sort();
}

/** The names of the Markdown files among `files` (`README.md`, `platform-facts.md`, ...). */
export function markdownNamesOf(files: readonly string[]): Set<string> {
  return new Set(files.filter((file) => file.endsWith(".md")).map((file) => path.basename(file)));
}

/** Every line of the scanned files that points outside the repository. */
export function outsideReferences(root: string, files: readonly string[]): OutsideReference[] {
  const markdownNames = markdownNamesOf(files);
  return files.flatMap((file) =>
    readFileSync(path.join(root, file), "utf8")
      .split("\n")
      .flatMap((text, index) =>
        outsideReferencesIn(text, file, root, markdownNames).map((why) => ({
          file,
          line: index + 1,
          why,
          text: text.trim(),
        })),
      ),
  );
}

/** A link to a heading of one of the repository's Markdown files: `docs/platform-facts.md#function-url-errors`. */
const HEADING_LINK = /(?<![\w./-])((?:[\w.-]+\/)*[\w.-]+\.md)#([\w-]+)/g;

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

/** Every `file.md#anchor` in the scanned files whose file is ours but has no such heading. */
export function brokenHeadingLinks(root: string, files: readonly string[]): OutsideReference[] {
  const markdown = files.filter((file) => file.endsWith(".md"));
  const anchors = new Map<string, Set<string>>();
  const anchorsOf = (file: string) => {
    let set = anchors.get(file);
    if (!set) {
      const headings = readFileSync(path.join(root, file), "utf8").match(/^#{1,6} .+$/gm) ?? [];
      set = new Set(headings.map((h) => headingAnchor(h.replace(/^#+ /, ""))));
      anchors.set(file, set);
    }
    return set;
  };
  /** The Markdown file a reference names: its path from the root or the file's folder, else a unique name. */
  const target = (from: string, named: string) => {
    const direct = [named, path.posix.join(path.posix.dirname(from), named)].find((f) =>
      markdown.includes(f),
    );
    if (direct) return direct;
    const byName = markdown.filter((f) => path.posix.basename(f) === path.posix.basename(named));
    return byName.length === 1 ? byName[0] : undefined;
  };
  return files.flatMap((file) =>
    readFileSync(path.join(root, file), "utf8")
      .split("\n")
      .flatMap((text, index) =>
        [...text.matchAll(HEADING_LINK)].flatMap(([, named, anchor]) => {
          const md = named === undefined ? undefined : target(file, path.posix.normalize(named));
          if (md === undefined || anchor === undefined || anchorsOf(md).has(anchor)) return [];
          return [{ file, line: index + 1, why: `${md} has no heading #${anchor}`, text: text.trim() }];
        }),
      ),
  );
}
