/** One conformance case's shape, and the answer production gives a failed invocation. */
import type { Observed } from "./observe.js";

export interface Fixture {
  name: string;
  /** Handler module: a file under fixtures/, or an absolute path (generated at run time). */
  module: string;
  /** `_HANDLER`; default `index.handler` (the package entry is `index.mjs`). */
  handler?: string;
  paths: string[];
  /** Production's answer for each request (a subset of the observation). */
  expected?: Partial<Observed>[];
  /** Cold starts the requests cause (container reuse). */
  coldStarts?: number;
  /** Production's answer in the body, checked on the parsed JSON of each response. */
  body?: (json: Record<string, unknown>[]) => void;
  /** The URL's invoke mode; default `RESPONSE_STREAM`. */
  invokeMode?: "RESPONSE_STREAM" | "BUFFERED";
  /** Replaces values that differ on every run (e.g. random container ids) before comparing. */
  normalize?: (observed: Observed[]) => Observed[];
}

export const FAILED = { status: 502, bodyText: "Internal Server Error", timing: "immediate" } as const;
