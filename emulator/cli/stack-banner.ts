/**
 * The banner's map of the module's stack: each distribution with its cache behaviours in the order
 * CloudFront tries them (path pattern -> function, auth type, invoke mode, OAC, CloudFront Function,
 * methods), then each function with its URL's host and the code it runs.
 */
import path from "node:path";
import { functionUrlDomain } from "../config/defaults.js";
import { findFunction, stackFunctions } from "../config/functions.js";
import type {
  CacheBehaviorConfig,
  DistributionConfig,
  FunctionConfig,
  StackConfig,
} from "../config/types.js";

/** A path a behaviour's pattern matches (`/events/*` -> `/events/example`), for requests to try. */
export function samplePath(pattern: string): string {
  const path = pattern.replaceAll("*", "example").replaceAll("?", "x");
  return path.startsWith("/") ? path : `/${path}`;
}

const rel = (file: string) => path.relative(process.cwd(), file) || file;

function table(rows: string[][], indent: string): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  return rows.map((r) => `${indent}${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ")}`.trimEnd());
}

function behaviorRow(config: StackConfig, pattern: string, b: CacheBehaviorConfig): string[] {
  const name = b.originFunction ?? config.functionUrl.functionName;
  const fn = findFunction(config, name);
  return [
    pattern,
    `-> ${name}`,
    fn ? `${fn.authType}, ${fn.invokeMode}` : "(no such function)",
    b.oac ? `OAC ${b.oac.signingBehavior}` : "unsigned",
    b.viewerRequestFunction ? `function ${b.viewerRequestFunction.name}` : "no function",
    b.allowedMethods.join(" "),
  ];
}

/** One distribution's header line and its behaviours, `Default (*)` last. */
function distributionLines(config: StackConfig, d: DistributionConfig, where: string): string[] {
  const rows = [
    ...(d.orderedBehaviors ?? []).map((b) => behaviorRow(config, b.pathPattern, b)),
    behaviorRow(config, "Default (*)", d),
  ];
  return [`  Distribution       ${d.distributionId} (${d.domainName})   ${where}`, ...table(rows, "    ")];
}

function codeOf(fn: FunctionConfig): string {
  if (fn.codeFrom === "artifact") return `zip ${rel(fn.artifact ?? "")} (as deployed)`;
  if (fn.useBundle) return `bundle ${rel(fn.bundleEntry)}`;
  const watch = fn.watch?.length ? `, reloads on a change under ${fn.watch.map(rel).join(", ")}` : "";
  return `source ${rel(fn.sourceEntry)}${watch}`;
}

/**
 * @example
 * for (const line of stackMap(stack.config, { cloudfront: "http://127.0.0.1:8080", functionUrl: "http://127.0.0.1:9001" })) console.log(line);
 */
export function stackMap(config: StackConfig, urls: { cloudfront?: string; functionUrl?: string }): string[] {
  const lines = distributionLines(config, config.cloudfront, urls.cloudfront ?? "(not started)");
  for (const d of Object.values(config.distributions ?? {})) {
    lines.push(...distributionLines(config, d, `Host: ${d.domainName} on the same address`));
  }
  lines.push(
    `  Functions          on ${urls.functionUrl ?? "(not started)"}, each URL told apart by its Host`,
  );
  const rows = stackFunctions(config).map((fn) => [
    fn.functionName,
    functionUrlDomain(config, fn),
    `${fn.authType}, ${fn.invokeMode}`,
    fn.runtime,
    codeOf(fn),
  ]);
  return [...lines, ...table(rows, "    ")];
}
