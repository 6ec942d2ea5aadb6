/**
 * The functions of one source text longer than a limit, found with TypeScript's own parser (so TSX
 * and plain JavaScript too). Used by the size check in test/architecture/.
 *
 * A function is anything with a body: declarations, methods, accessors, constructors, arrow
 * functions and function expressions, React components and hooks among them. Its length runs from
 * its first token (after its doc comment) to its closing brace, both lines counted.
 *
 * One kind is left out: the callback given to vitest's `describe` (also `describe.each(...)`,
 * `describe.skipIf(...)` and the like). It is a row of test cases side by side, each read on its own;
 * its length says how many cases there are, not how much a reader must hold at once. The `it`
 * callbacks inside it, one case each, are functions like any other.
 */
import ts from "typescript";

export interface LongFunction {
  /** The function's own name, else the variable or property it is assigned to, else `<callee> callback`. */
  name: string;
  /** 1-based line of its first token. */
  line: number;
  lines: number;
}

export function longFunctions(fileName: string, text: string, maxLines: number): LongFunction[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, scriptKind(fileName));
  const found: LongFunction[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && "body" in node && node.body && !isDescribeBlock(node)) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = last - first + 1;
      if (lines > maxLines) found.push({ name: nameOf(node, source), line: first + 1, lines });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function scriptKind(fileName: string): ts.ScriptKind {
  if (fileName.endsWith(".tsx")) return ts.ScriptKind.TSX;
  if (/\.(m|c)?js$/.test(fileName)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

/** A function passed as an argument to `describe`, `describe.each(rows)`, `describe.skipIf(x)`, ... */
function isDescribeBlock(node: ts.Node): boolean {
  const call = node.parent;
  if (!call || !ts.isCallExpression(call) || !call.arguments.some((arg) => arg === node)) return false;
  let callee: ts.Expression = call.expression;
  while (ts.isCallExpression(callee) || ts.isPropertyAccessExpression(callee)) callee = callee.expression;
  return ts.isIdentifier(callee) && callee.text === "describe";
}

function nameOf(node: ts.SignatureDeclaration, source: ts.SourceFile): string {
  if (node.name) return node.name.getText(source);
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) return parent.name.getText(source);
  if (ts.isCallExpression(parent)) return `${parent.expression.getText(source).split("(")[0]} callback`;
  return "(anonymous)";
}
