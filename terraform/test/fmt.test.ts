import { spawnSync } from "node:child_process";
import { expect, it, type TestContext } from "vitest";
import { canRun } from "../../test/test-support/ci.js";
import { copyModule, MODULE_DIR } from "./test-support/module-fixture.js";

const terraform = process.env.TERRAFORM_BIN ?? "terraform";
const available = spawnSync(terraform, ["version"], { encoding: "utf8" }).status === 0;

function requireTerraform(context: TestContext): void {
  // Under a truthy CI the check is mandatory: a missing CLI is a failure, not a skip.
  if (
    !canRun(
      "[terraform] fmt",
      available ? undefined : `the terraform CLI (${terraform}) is not installed here`,
    )
  ) {
    context.skip();
  }
}

function fmtCheck(dir: string) {
  return spawnSync(terraform, ["fmt", "-check", "-recursive", "-diff", "-no-color"], {
    cwd: dir,
    encoding: "utf8",
  });
}

it("terraform fmt -check -recursive finds nothing to change", (context) => {
  requireTerraform(context);
  const result = fmtCheck(MODULE_DIR);
  expect(result.stdout, result.stderr).toBe("");
  expect(result.status).toBe(0);
});

it("terraform fmt -check fails on a misaligned copy of the module", async (context) => {
  requireTerraform(context);
  const copy = await copyModule([
    {
      file: "function-url.tf",
      find: 'invoke_mode        = "RESPONSE_STREAM"',
      replace: 'invoke_mode = "RESPONSE_STREAM"',
    },
  ]);
  try {
    const result = fmtCheck(copy.dir);
    expect(result.status).not.toBe(0);
    expect(result.stdout).toContain("function-url.tf");
  } finally {
    await copy.remove();
  }
});
