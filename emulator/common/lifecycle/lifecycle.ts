/**
 * The lifecycle table: one row per external thing the project pins that has an announced end (Gemini
 * models, Lambda's Node runtimes, AWS's runtime client lines, the Gemini SDKs, Node releases). The
 * stub's model catalogue, the lifecycle check of the defaults (test/lifecycle/) and the Terraform
 * runtime rule all read it; docs/lifecycle.md is rendered from it (`npm run lifecycle`).
 */
import { GEMINI_MODEL_ROWS } from "./gemini-models.js";
import { PLATFORM_ROWS } from "./platform.js";
import type { IsoDate, LifecycleKind, LifecycleRow } from "./types.js";

export type * from "./types.js";

export const LIFECYCLE: readonly LifecycleRow[] = [...GEMINI_MODEL_ROWS, ...PLATFORM_ROWS];

export function findRow(
  id: string,
  kind?: LifecycleKind,
  rows: readonly LifecycleRow[] = LIFECYCLE,
): LifecycleRow | undefined {
  return rows.find((row) => row.id === id && (kind === undefined || row.kind === kind));
}

/** Midnight UTC of an ISO date. */
export function dateOf(iso: IsoDate): Date {
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) throw new Error(`not an ISO date: ${iso}`);
  return date;
}

const DAY_MS = 86_400_000;

/** Whole days from `today` (its UTC day) to `iso`; negative once the date has passed. */
export function daysUntil(iso: IsoDate, today: Date): number {
  const start = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return Math.round((dateOf(iso).getTime() - start) / DAY_MS);
}

/**
 * The row as it stands on `today`: a row whose end date has come is `ended` whatever the status read on
 * the day the row was written, and an `ended` row before its end date was still `deprecated` then.
 */
export function statusOn(row: LifecycleRow, today: Date): LifecycleRow["status"] {
  if (row.end !== undefined) {
    if (daysUntil(row.end, today) <= 0) return "ended";
    if (row.status === "ended") return "deprecated";
  }
  return row.status;
}
