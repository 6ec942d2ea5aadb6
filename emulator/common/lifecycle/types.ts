/**
 * The shape of the lifecycle table (lifecycle.ts): every external thing the project pins that has an
 * announced end, with its dates, its replacement and where each fact was read. docs/lifecycle.md is
 * rendered from the same rows (`npm run lifecycle`).
 */

/** An ISO calendar date, `YYYY-MM-DD`, read as midnight UTC. */
export type IsoDate = string;

export type LifecycleKind = "gemini-model" | "lambda-runtime" | "gemini-sdk" | "runtime-client" | "node";

/**
 * As the source lists it on the day it was read. `current`: supported, no end reached; `preview`: a
 * Gemini preview model (served, may change or go without the usual notice); `deprecated`: still served
 * but announced to end; `ended`: shut down, past end of life or of support.
 */
export type LifecycleStatus = "current" | "preview" | "deprecated" | "ended";

export interface LifecycleSource {
  url: string;
  /** The day the page (or the cached copy of it) was read. */
  read: IsoDate;
  /** What was taken from it, when the row has more than one source or the sources disagree. */
  note?: string;
}

/** How a Gemini model is told how much to think (Gemini API "Thinking"). */
export type ThinkingControl =
  | { kind: "none" }
  /** Gemini 2.5: `thinkingConfig.thinkingBudget` in tokens; -1 dynamic, 0 off where allowed. */
  | { kind: "budget"; min: number; max: number; canDisable: boolean; thinksByDefault: boolean }
  /** Gemini 3.x: `thinkingConfig.thinkingLevel`. */
  | { kind: "level"; levels: ThinkingLevelName[]; defaultLevel: ThinkingLevelName };

export type ThinkingLevelName = "minimal" | "low" | "medium" | "high";

export interface GeminiModelFacts {
  thinking: ThinkingControl;
  /**
   * What Google does with a call once the model is past its end: `not-found` (404 NOT_FOUND, the
   * deprecations page's "completely turned off") or routing to another model, per Google's notices.
   */
  afterEnd:
    | { kind: "not-found" }
    /** `inEffect`: Google routes the id already, whatever its status (its own page says so). */
    | { kind: "routed"; to: string; source: LifecycleSource; inEffect?: boolean };
  /** `outputTokenLimit` of the model resource. */
  outputTokenLimit: number;
}

export interface LifecycleRow {
  kind: LifecycleKind;
  /** The name as it is written where it is used: a model id, `nodejs24.x`, `@google/genai@2`, `node@24`. */
  id: string;
  status: LifecycleStatus;
  released?: IsoDate;
  /**
   * The first announced end: Lambda's deprecation date, Node's end of life, an SDK's end of support,
   * a Gemini model's shutdown (Google lists the earliest possible shutdown). The lifecycle check fails
   * a default within 90 days of it.
   */
  end?: IsoDate;
  /** What `end` means for this row, in the source's words ("deprecation", "shutdown", "end of life"). */
  endMeaning?: string;
  /** Later dates the source gives (Lambda: block function create / update). */
  laterDates?: { label: string; date: IsoDate }[];
  replacement?: string;
  gemini?: GeminiModelFacts;
  notes?: string;
  sources: LifecycleSource[];
}
