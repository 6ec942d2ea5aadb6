/** Following traversals into values, and Terraform's binary operators. */
import { EvaluationFailure, FileValue, ResourceRef, UnknownValue, type Value } from "./values.js";

/** `value.a[0].b`: unknowns stay unknown; a missing key or index fails as in Terraform. */
export function follow(value: Value, keys: (string | number)[]): Value {
  let current: Value = value;
  for (const key of keys) {
    if (current instanceof UnknownValue) return current;
    if (current instanceof ResourceRef) return new UnknownValue(`${current.type}.${current.name}`);
    if (Array.isArray(current) && typeof key === "number") {
      if (key >= current.length) throw new EvaluationFailure(`index ${key} out of range`);
      current = current[key] ?? null;
    } else if (current !== null && typeof current === "object" && !(current instanceof FileValue)) {
      const record = current as Record<string, Value>;
      if (!(String(key) in record)) throw new EvaluationFailure(`no attribute "${key}"`);
      current = record[String(key)] ?? null;
    } else {
      throw new EvaluationFailure(`cannot read "${key}" of ${JSON.stringify(current)}`);
    }
  }
  return current;
}

/** `a <op> b`, with the operator names of the AST (`equal`, `add`, `lessThan`, ...). */
export function binary(operator: string, lhs: Value, rhs: Value): Value {
  if (lhs instanceof UnknownValue) return lhs;
  if (rhs instanceof UnknownValue) return rhs;
  const a = Number(lhs);
  const b = Number(rhs);
  switch (operator) {
    case "equal":
      return JSON.stringify(lhs) === JSON.stringify(rhs);
    case "notEqual":
      return JSON.stringify(lhs) !== JSON.stringify(rhs);
    case "logicalAnd":
      return lhs === true && rhs === true;
    case "logicalOr":
      return lhs === true || rhs === true;
    case "add":
      return a + b;
    case "subtract":
      return a - b;
    case "multiply":
      return a * b;
    case "divide":
      return a / b;
    case "modulo":
      return a % b;
    case "lessThan":
      return a < b;
    case "lessThanOrEqual":
      return a <= b;
    case "greaterThan":
      return a > b;
    case "greaterThanOrEqual":
      return a >= b;
    default:
      throw new EvaluationFailure(`operator ${operator}`);
  }
}
