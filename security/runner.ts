/**
 * Runs cases one after another (the journal and JWKS counters are only meaningful that way), each bounded
 * by its time limit; a case whose powers the target lacks is skipped with the reason.
 */
import type { AttackCase } from "./case.js";
import type { Target } from "./target.js";

export type Verdict = "pass" | "fail" | "skip";

export interface CaseResult {
  id: string;
  category: string;
  attack: string;
  expected: string;
  observed: string;
  verdict: Verdict;
  ms: number;
}

function missingPowers(target: Target, c: AttackCase): string[] {
  return (c.needs ?? []).filter((power) => !target.has(power));
}

/** Runs one case; never throws (an exception is a failure with its message). */
export async function runCase(target: Target, c: AttackCase): Promise<CaseResult> {
  const base = { id: c.id, category: c.category, attack: c.name, expected: c.expected };
  const missing = missingPowers(target, c);
  if (missing.length > 0) {
    return {
      ...base,
      verdict: "skip",
      observed: `skipped: needs local powers (${missing.join(", ")})`,
      ms: 0,
    };
  }
  const started = Date.now();
  const limit = c.timeoutMs ?? 30_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    const outcome = await Promise.race([
      c.run(target),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`case did not finish within ${limit} ms`)), limit);
      }),
    ]);
    return {
      ...base,
      verdict: outcome.pass ? "pass" : "fail",
      observed: outcome.observed,
      ms: Date.now() - started,
    };
  } catch (error) {
    return {
      ...base,
      verdict: "fail",
      observed: `error: ${(error as Error).message}`,
      ms: Date.now() - started,
    };
  } finally {
    clearTimeout(timer);
  }
}

export async function runCases(
  target: Target,
  cases: readonly AttackCase[],
  onResult?: (result: CaseResult) => void,
): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const c of cases) {
    const result = await runCase(target, c);
    results.push(result);
    onResult?.(result);
  }
  return results;
}
