/** The printed table (one row per case) and the JSON report. */
import { writeFileSync } from "node:fs";
import type { CaseResult } from "./runner.js";

export interface Summary {
  passed: number;
  failed: number;
  skipped: number;
}

export function summarize(results: readonly CaseResult[]): Summary {
  return {
    passed: results.filter((r) => r.verdict === "pass").length,
    failed: results.filter((r) => r.verdict === "fail").length,
    skipped: results.filter((r) => r.verdict === "skip").length,
  };
}

export function summaryLine(summary: Summary): string {
  return `${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`;
}

const VERDICT = { pass: "PASS", fail: "FAIL", skip: "SKIP" } as const;

/** One result as a Markdown table row (the same table SECURITY.md shows). */
export function formatRow(r: CaseResult): string {
  const cell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");
  return `| ${r.id} | ${cell(r.attack)} | ${cell(r.expected)} | ${cell(r.observed)} | ${VERDICT[r.verdict]} |`;
}

export const TABLE_HEADER = "| id | attack | expected | observed | pass |\n|---|---|---|---|---|";

export function formatTable(results: readonly CaseResult[]): string {
  return [TABLE_HEADER, ...results.map(formatRow), "", summaryLine(summarize(results))].join("\n");
}

export function writeJsonReport(file: string, target: string, results: readonly CaseResult[]): void {
  const report = { target, finishedAt: new Date().toISOString(), summary: summarize(results), results };
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
}
