/** The expression AST of `@cdktn/hcl2json` (only the parts used here), parsed once per expression text. */
import { hcl2json } from "./module-loader.js";
import type { Value } from "./values.js";

// The AST shape of @cdktn/hcl2json's getExpressionAst (only the parts used here).
export interface AstNode {
  type: string;
  meta?: Record<string, unknown> & { value?: string };
  children?: AstNode[];
}
export interface TraversalPart {
  type: "nameTraversal" | "indexTraversal";
  segment: string;
}

// The same expressions recur (var.x, references); parsing each once keeps start-up quick.
const astCache = new Map<string, Promise<AstNode | null>>();

export function parseExpression(value: string): Promise<AstNode | null> {
  let ast = astCache.get(value);
  if (!ast) {
    ast = hcl2json().then(
      ({ getExpressionAst }) => getExpressionAst("expression.tf", `"${value}"`) as Promise<AstNode | null>,
    );
    astCache.set(value, ast);
    ast.catch(() => astCache.delete(value));
  }
  return ast;
}

/** A literal as the AST writes it. */
export function literal(type: string, raw: string): Value {
  if (type === "number") return Number(raw);
  if (type === "bool") return raw === "true";
  if (type === "dynamic" && raw === "null") return null;
  // The AST keeps escapes as written; undo the ones HCL defines for quoted strings.
  return raw
    .replace(/\$\$\{/g, "${")
    .replace(/%%\{/g, "%{")
    .replace(/\\(["\\nrt])/g, (_, c: string) => {
      const map: Record<string, string> = { n: "\n", r: "\r", t: "\t" };
      return map[c] ?? c;
    });
}

/** One traversal step as a key: a name, or a literal index. */
export function segmentKey(part: TraversalPart): string | number {
  if (part.type === "nameTraversal") return part.segment;
  const raw = part.segment;
  if (/^\d+$/.test(raw)) return Number(raw);
  return raw.replace(/^"|"$/g, "");
}

/** `aws_x.y[0].arn` with a `count`: the index picks the single instance the reader looks at. */
export function dropLeadingIndex(keys: (string | number)[]): (string | number)[] {
  return typeof keys[0] === "number" ? keys.slice(1) : keys;
}
