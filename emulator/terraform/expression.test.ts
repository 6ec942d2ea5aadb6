// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are Terraform expressions, not JS templates.
import path from "node:path";
import { expect, it } from "vitest";
import { TerraformNotEmulatedError, TerraformValueError } from "./errors.js";
import { Evaluator, FileValue, ResourceRef, UnknownValue, type Value } from "./expression.js";
import type { HclValue, TerraformLocal } from "./module-loader.js";

const at = { file: "main.tf", line: 7 };
const MODULE_DIR = path.resolve(import.meta.dirname, "../../terraform");

function evaluator(
  variables: Record<string, Value | undefined> = {},
  locals: Record<string, HclValue> = {},
): Evaluator {
  return new Evaluator({
    moduleDir: MODULE_DIR,
    variables: new Map(
      Object.entries(variables).map(([k, value]) => [k, { value, at: { file: "variables.tf", line: 1 } }]),
    ),
    locals: new Map(
      Object.entries(locals).map(([name, expression]): [string, TerraformLocal] => [
        name,
        { name, expression, at },
      ]),
    ),
    standIn: async (ref) =>
      ref.type === "aws_cloudfront_distribution" && ref.attribute === "arn" ? "arn:local" : undefined,
  });
}

it("evaluates variables, locals, templates, operators and conditionals", async () => {
  const ev = evaluator({ ms: 10000, on: false, name: "chatbot" }, { prefix: "${var.name}-x" });
  expect(await ev.evaluate("${tostring(var.ms)}", at)).toBe("10000");
  expect(await ev.evaluate("${local.prefix}/${var.name}", at)).toBe("chatbot-x/chatbot");
  expect(await ev.evaluate("${var.ms < 30 * 1000}", at)).toBe(true);
  expect(await ev.evaluate('${var.on ? "yes" : null}', at)).toBeNull();
  expect(await ev.evaluate('${trimsuffix(trimprefix("https://a.on.aws/", "https://"), "/")}', at)).toBe(
    "a.on.aws",
  );
  expect(await ev.evaluate(["${var.name}", 3], at)).toEqual(["chatbot", 3]);
});

it("keeps references to resources, and uses stand-ins where given", async () => {
  const ev = evaluator();
  expect(await ev.evaluate("${aws_cloudfront_function.f.arn}", at)).toEqual(
    new ResourceRef("aws_cloudfront_function", "f", "arn"),
  );
  expect(await ev.evaluate("${aws_cloudfront_distribution.d.arn}", at)).toBe("arn:local");
});

it("treats remote state as unknown; coalesce and try stay unknown unless a known value comes first", async () => {
  const remote = "${coalesce(var.id, try(data.terraform_remote_state.c[0].outputs.id, null))}";
  expect(await evaluator({ id: null }).evaluate(remote, at)).toBeInstanceOf(UnknownValue);
  expect(await evaluator({ id: "eu-west-1_X" }).evaluate(remote, at)).toBe("eu-west-1_X");
  expect(await evaluator({ m: {} }).evaluate('${try(var.m.missing, "fallback")}', at)).toBe("fallback");
});

it("file() resolves against the module folder and keeps the path", async () => {
  const value = await evaluator().evaluate(
    '${file("${path.module}/functions/forward-authorization.js")}',
    at,
  );
  expect(value).toBeInstanceOf(FileValue);
  expect((value as FileValue).path).toBe(path.join(MODULE_DIR, "functions/forward-authorization.js"));
  expect((value as FileValue).content).toContain("x-forwarded-authorization");
});

it("an unknown function is not emulated, named with file and line", async () => {
  await expect(evaluator().evaluate('${cidrsubnet("10.0.0.0/16", 8, 1)}', at)).rejects.toThrow(
    new TerraformNotEmulatedError(at, "function cidrsubnet()"),
  );
});

it("a variable with no value fails where it is declared", async () => {
  await expect(evaluator({ pool: undefined }).evaluate("${var.pool}", at)).rejects.toThrow(
    new TerraformValueError(
      { file: "variables.tf", line: 1 },
      'variable "pool" has no default and no value; set it in a tfvars file',
    ),
  );
});
