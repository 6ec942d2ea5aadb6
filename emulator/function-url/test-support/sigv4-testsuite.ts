/**
 * Loads AWS's published SigV4 test suite cases (fixtures/sigv4-testsuite/, see its README): the
 * unsigned request (`.req`), the expected canonical request (`.creq`) and Authorization header (`.authz`).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { FIXTURES } from "./harness.js";

const SUITE_DIR = path.join(FIXTURES, "sigv4-testsuite");

/** The suite's fixed inputs (named in every case and in docs/platform-facts.md#sigv4-at-a-function-url). */
export const SUITE = {
  accessKeyId: "AKIDEXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
  region: "us-east-1",
  service: "service",
  now: Date.UTC(2015, 7, 30, 12, 36, 0),
} as const;

export interface SuiteCase {
  name: string;
  method: string;
  /** Request target split at the first `?`. */
  path: string;
  query: string;
  /** Lower-case names; repeated headers keep every value in order. */
  headers: Record<string, string[]>;
  body: Buffer;
  creq: string;
  authz: string;
}

function read(name: string, ext: string): string {
  return readFileSync(path.join(SUITE_DIR, `${name}.${ext}`), "utf8");
}

/** Parses a `.req` file: request line, `Name:value` headers (value as written), blank line, body. */
export function loadCase(name: string): SuiteCase {
  const text = read(name, "req");
  const blank = text.indexOf("\n\n");
  const head = blank < 0 ? text : text.slice(0, blank);
  const body = blank < 0 ? "" : text.slice(blank + 2);
  const [requestLine = "", ...headerLines] = head.split("\n");
  const method = requestLine.slice(0, requestLine.indexOf(" "));
  const target = requestLine.slice(method.length + 1, requestLine.lastIndexOf(" HTTP/"));
  const q = target.indexOf("?");
  const headers: Record<string, string[]> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(":");
    const name = line.slice(0, colon).toLowerCase();
    headers[name] = [...(headers[name] ?? []), line.slice(colon + 1)];
  }
  return {
    name,
    method,
    path: q < 0 ? target : target.slice(0, q),
    query: q < 0 ? "" : target.slice(q + 1),
    headers,
    body: Buffer.from(body, "utf8"),
    creq: read(name, "creq"),
    authz: read(name, "authz").trim(),
  };
}
