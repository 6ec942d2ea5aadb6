/**
 * The stub's model catalogue, built from the lifecycle table (emulator/common/lifecycle/): which model
 * ids it answers, as what, on a given day. A current or preview model answers as itself; a model past
 * its end answers as Google does then (404 NOT_FOUND, or, where Google's notices say the id is routed
 * to a successor and the stub is set to follow them, as that successor); an id the table does not know
 * gets Google's 404.
 */
import { findRow, LIFECYCLE, statusOn } from "../common/lifecycle/lifecycle.js";
import type { LifecycleRow } from "../common/lifecycle/types.js";

/**
 * What the stub does with a model past its end. `not-found` (the default): Google's deprecations page
 * says a shut-down model is "completely turned off, and the endpoint is no longer available", and the
 * answers recorded for shut-down models are 404 NOT_FOUND. `routed`: the later notices for the 2.5
 * models (quoted, not read on Google's own page) say their ids are routed to a successor from the
 * shutdown date. Both readings are tested; the handler passes under both.
 */
export type RetiredModelReading = "not-found" | "routed";

export type Served =
  | { kind: "model"; row: LifecycleRow; stage: "current" | "preview" | "deprecated" }
  | { kind: "routed"; row: LifecycleRow; to: LifecycleRow }
  | { kind: "not-found"; row?: LifecycleRow };

export function lookupModel(
  id: string,
  today: Date,
  reading: RetiredModelReading,
  rows: readonly LifecycleRow[] = LIFECYCLE,
): Served {
  const row = findRow(id, "gemini-model", rows);
  if (!row?.gemini) return { kind: "not-found" };
  const status = statusOn(row, today);
  const after = row.gemini.afterEnd;
  const target = after.kind === "routed" ? findRow(after.to, "gemini-model", rows) : undefined;
  // An id Google already forwards (gemini-3.5-flash, its own page says so) is routed whatever the
  // reading; an id past its end is routed only under the `routed` reading.
  const routed =
    after.kind === "routed" && (after.inEffect === true || (status === "ended" && reading === "routed"));
  if (target && routed) {
    return { kind: "routed", row, to: target };
  }
  if (status === "ended") return { kind: "not-found", row };
  return { kind: "model", row, stage: status };
}

/** The models the stub lists (`GET /v1beta/models`) and answers as themselves on `today`. */
export function listedModels(today: Date, rows: readonly LifecycleRow[] = LIFECYCLE): LifecycleRow[] {
  return rows.filter((row) => {
    if (row.kind !== "gemini-model") return false;
    const served = lookupModel(row.id, today, "not-found", rows);
    return served.kind === "model";
  });
}

/** Ids the stub serves as current stable models on `today` (the lifecycle check reads these). */
export function currentModelIds(today: Date, rows: readonly LifecycleRow[] = LIFECYCLE): string[] {
  return listedModels(today, rows)
    .filter((row) => statusOn(row, today) === "current")
    .map((row) => row.id);
}
