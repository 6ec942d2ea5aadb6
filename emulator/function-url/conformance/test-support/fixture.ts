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
  /**
   * The function timeout, when the suite's short one could be reached by the work itself: moving 7 MB
   * (past the 6 MiB burst, at 2 MiB/s) after a cold start takes seconds on a loaded machine, and the
   * timing class must say what the platform did, not how busy the machine was.
   */
  timeoutSeconds?: number;
}

/** The function timeout of the fixtures that move more than 6 MB. */
export const LARGE_PAYLOAD_TIMEOUT_SECONDS = 15;

export const FAILED = { status: 502, bodyText: "Internal Server Error", timing: "immediate" } as const;
