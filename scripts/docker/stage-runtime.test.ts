import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closure, type LockPackage, resolve } from "./stage-runtime.mjs";

// A lockfile in npm's v3 shape: `a` needs its own nested `c@2`, while the top-level `c@1` serves `b`.
const packages: Record<string, LockPackage> = {
  "": { dependencies: { a: "^1", b: "^1" } },
  "node_modules/a": { dependencies: { c: "^2" }, optionalDependencies: { "a-darwin": "^1" } },
  "node_modules/a/node_modules/c": {},
  "node_modules/b": {
    dependencies: { c: "^1" },
    peerDependencies: { d: "*", e: "*" },
    peerDependenciesMeta: { e: { optional: true } },
  },
  "node_modules/c": {},
  "node_modules/d": {},
  "node_modules/a-darwin": {},
  "node_modules/unused": {},
};

const repo = mkdtempSync(path.join(os.tmpdir(), "stage-runtime-"));
// Installed on disk: everything but the other platform's optional binary.
for (const key of Object.keys(packages).filter((k) => k !== "" && k !== "node_modules/a-darwin")) {
  mkdirSync(path.join(repo, key), { recursive: true });
}
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe("stage-runtime: the runtime closure of node_modules", () => {
  it("resolves like Node: the nearest node_modules first, then the enclosing ones", () => {
    expect(resolve(packages, "node_modules/a", "c")).toBe("node_modules/a/node_modules/c");
    expect(resolve(packages, "node_modules/b", "c")).toBe("node_modules/c");
    expect(resolve(packages, "node_modules/a/node_modules/c", "d")).toBe("node_modules/d");
    expect(resolve(packages, "", "missing")).toBeUndefined();
  });

  it("keeps what the roots reach (required peers too), skips uninstalled optional packages", () => {
    const keep = closure(packages, ["a", "b"], repo);
    expect([...keep].sort()).toEqual([
      "node_modules/a",
      "node_modules/a/node_modules/c",
      "node_modules/b",
      "node_modules/c",
      "node_modules/d",
    ]);
  });

  it("takes optional roots when they are installed, and skips the others", () => {
    const keep = closure(packages, [], repo, ["a-darwin", "d"]);
    expect([...keep]).toEqual(["node_modules/d"]);
  });

  it("fails with the package's name when a required one is not installed", () => {
    expect(() =>
      closure({ ...packages, "node_modules/b": { dependencies: { ghost: "^1" } } }, ["b"], repo),
    ).toThrow("stage-runtime: ghost (needed by node_modules/b) is not installed");
  });
});

describe("stage-runtime: this repository's image", () => {
  it("ships aws-lambda-ric with its built native addon, so the image can run the ric runtime", () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
    const lock = JSON.parse(readFileSync(path.join(root, "package-lock.json"), "utf8"));
    const keep = closure(lock.packages, Object.keys(pkg.dependencies), root);
    expect(keep.has("node_modules/aws-lambda-ric")).toBe(true);
    // stage-runtime copies the whole package folder; the addon is built into its root at install.
    expect(existsSync(path.join(root, "node_modules/aws-lambda-ric/rapid-client.node"))).toBe(true);
  });

  it("ships the function's Node for this platform (the optional dependency npm installed), not the others", () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
    const lock = JSON.parse(readFileSync(path.join(root, "package-lock.json"), "utf8"));
    const keep = closure(
      lock.packages,
      Object.keys(pkg.dependencies),
      root,
      Object.keys(pkg.optionalDependencies),
    );
    const platform = `node_modules/node-${process.platform}-${process.arch}`;
    expect(keep.has(platform)).toBe(true);
    expect([...keep].filter((k) => /^node_modules\/node-(linux|darwin|win)-/.test(k))).toEqual([platform]);
  });
});
