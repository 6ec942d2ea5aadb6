/**
 * The lifecycle check: a pinned default (a model, a runtime, a client line, an SDK, a Node release) must
 * be in the table, not deprecated or ended, and more than WARNING_DAYS before its announced end. Every
 * problem names the default, where it is set, why, and the replacement the source names. The caller
 * gives the date, so tests can move the clock.
 */
import { daysUntil, findRow, LIFECYCLE, statusOn } from "./lifecycle.js";
import type { LifecycleKind, LifecycleRow } from "./types.js";

export const WARNING_DAYS = 90;

export interface PinnedDefault {
  /** Where the default is set, e.g. `terraform/variables.tf gemini_model`. */
  where: string;
  /** The row id: a model id, `nodejs24.x`, `aws-lambda-ric@4`, `@google/genai@2`, `node@24`. */
  id: string;
  kind: LifecycleKind;
}

export function checkDefaults(
  defaults: readonly PinnedDefault[],
  today: Date,
  rows: readonly LifecycleRow[] = LIFECYCLE,
): string[] {
  const problems: string[] = [];
  for (const pinned of defaults) {
    const problem = problemOf(pinned, today, rows);
    if (problem) problems.push(`${pinned.where}: ${pinned.id} ${problem}`);
  }
  return problems;
}

function problemOf(pinned: PinnedDefault, today: Date, rows: readonly LifecycleRow[]): string | undefined {
  const row = findRow(pinned.id, pinned.kind, rows);
  if (!row) {
    return "is not in the lifecycle table (emulator/common/lifecycle/); add its row with the source and the date read";
  }
  const status = statusOn(row, today);
  const instead = `; replacement: ${row.replacement ?? "none named by the source, pick a current row"}`;
  const meaning = row.endMeaning ?? "end";
  if (status === "ended") {
    const when = row.end ? ` on ${row.end} (${-daysUntil(row.end, today)} days ago)` : "";
    return `has ended: ${meaning}${when}${instead}`;
  }
  if (status === "deprecated") {
    return `is deprecated${row.end ? ` (${meaning} ${row.end})` : ""}${instead}`;
  }
  if (row.end !== undefined) {
    const days = daysUntil(row.end, today);
    if (days <= WARNING_DAYS) {
      return `reaches its ${meaning} on ${row.end}, in ${days} days (within ${WARNING_DAYS})${instead}`;
    }
  }
  return undefined;
}
