/** Types for stage-runtime.mjs (plain JS so the build stage runs it with bare Node). */
export interface LockPackage {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  link?: boolean;
  resolved?: string;
}
/**
 * Lockfile keys of every installed package reachable from `roots` and, when installed, `optionalRoots`
 * (repo: where node_modules is).
 */
export function closure(
  packages: Record<string, LockPackage>,
  roots: string[],
  repo: string,
  optionalRoots?: string[],
): Set<string>;
/** Node's lookup of `name` from the package at lockfile key `from` ("" = the project). */
export function resolve(
  packages: Record<string, LockPackage>,
  from: string,
  name: string,
): string | undefined;
