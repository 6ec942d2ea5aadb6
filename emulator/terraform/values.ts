/**
 * The values Terraform expressions evaluate to, offline: JSON-like values, plus markers for what only
 * AWS knows and for `file(...)` results.
 */

/** A value only AWS knows (remote state, a data source) and no local stand-in exists for. */
export class UnknownValue {
  constructor(readonly expression: string) {}
}

/** A reference to another resource's attribute that has no stand-in: the reader follows it. */
export class ResourceRef {
  constructor(
    readonly type: string,
    readonly name: string,
    readonly attribute: string,
  ) {}
}

/** What `file(...)` returns: the content, plus the path so a reader can point the emulator at it. */
export class FileValue {
  constructor(
    readonly path: string,
    readonly content: string,
  ) {}
}

export type Value =
  | string
  | number
  | boolean
  | null
  | Value[]
  | { [key: string]: Value }
  | UnknownValue
  | ResourceRef
  | FileValue;

/** Gives AWS-only values (ARNs, domains, ids) their local stand-ins; undefined when there is none. */

/** Thrown inside evaluation when Terraform would fail; `try()` and `can()` catch it. */
export class EvaluationFailure extends Error {}

/** Terraform's string conversion of a known primitive value. */
export function toStringValue(value: Value): string {
  if (value instanceof FileValue) return value.content;
  if (value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw new EvaluationFailure(`cannot use ${JSON.stringify(value)} as a string`);
}

/** True when the value is known offline (no unknown or unresolved reference inside). */
export function isKnown(value: Value): boolean {
  if (value instanceof UnknownValue || value instanceof ResourceRef) return false;
  if (Array.isArray(value)) return value.every(isKnown);
  if (value !== null && typeof value === "object" && !(value instanceof FileValue)) {
    return Object.values(value).every(isKnown);
  }
  return true;
}
