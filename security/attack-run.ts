/**
 * One run of `npm run attack` once the target is chosen: the table rows as cases finish, the summary
 * line, and the exit code (1 when any case failed). The CLI prints to the console; tests collect the lines.
 */
import type { AttackCase } from "./case.js";
import { formatRow, type Summary, summarize, summaryLine, TABLE_HEADER } from "./report.js";
import { type CaseResult, runCases } from "./runner.js";
import type { Target } from "./target.js";

export interface AttackRun {
  results: CaseResult[];
  summary: Summary;
  exitCode: 0 | 1;
}

export async function runAttack(
  target: Target,
  cases: readonly AttackCase[],
  print: (line: string) => void,
): Promise<AttackRun> {
  print(`Attacking ${target.label} with ${cases.length} cases`);
  print(TABLE_HEADER);
  const results = await runCases(target, cases, (r) => print(formatRow(r)));
  const summary = summarize(results);
  print(`\n${summaryLine(summary)}`);
  return { results, summary, exitCode: summary.failed > 0 ? 1 : 0 };
}
