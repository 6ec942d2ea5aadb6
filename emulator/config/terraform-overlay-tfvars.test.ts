import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { TerraformValueError } from "../terraform/errors.js";
import { load, moduleFixtures } from "./test-support/terraform-module.js";

const fixture = moduleFixtures();

describe("variables from tfvars", () => {
  it("a tfvars file sets timeout, keep-alive, origin read timeout and CORS origins", async () => {
    const dir = await fixture([]);
    const tfvars = path.join(dir, "test.tfvars");
    await writeFile(
      tfvars,
      [
        "lambda_timeout_seconds      = 300",
        "keepalive_ms                = 5000",
        "origin_read_timeout_seconds = 45",
        'frontend_origins            = ["https://tutor.example.com"]',
      ].join("\n"),
    );
    const config = await load(dir, tfvars);
    expect(config.functionUrl.timeoutSeconds).toBe(300);
    expect(config.functionUrl.environment.KEEPALIVE_MS).toBe("5000");
    expect(config.cloudfront.originReadTimeoutSeconds).toBe(45);
    expect(config.functionUrl.cors?.allowOrigins).toEqual(["https://tutor.example.com"]);
  });

  it("a pool id given as a variable reaches the Lambda and the local Cognito alike", async () => {
    const dir = await fixture([]);
    const tfvars = path.join(dir, "test.tfvars");
    await writeFile(
      tfvars,
      'cognito_user_pool_id = "eu-west-1_Abc123"\ncognito_user_pool_client_id = "client42"\n',
    );
    const config = await load(dir, tfvars);
    expect(config.functionUrl.environment.COGNITO_USER_POOL_ID).toBe("eu-west-1_Abc123");
    expect(config.cognito.userPoolId).toBe("eu-west-1_Abc123");
    expect(config.cognito.clientId).toBe("client42");
  });

  it("a git-ignored local.tfvars wins over environments/local.tfvars", async () => {
    const dir = await fixture([]);
    await writeFile(path.join(dir, "local.tfvars"), 'frontend_origins = ["http://127.0.0.1:7000"]\n');
    expect((await load(dir)).functionUrl.cors?.allowOrigins).toEqual(["http://127.0.0.1:7000"]);
  });

  it("an undeclared variable in tfvars is an error naming file and line", async () => {
    const dir = await fixture([]);
    const tfvars = path.join(dir, "test.tfvars");
    await writeFile(tfvars, "# comment\nlambda_timout_seconds = 300\n");
    await expect(load(dir, tfvars)).rejects.toThrow(
      new TerraformValueError(
        { file: tfvars, line: 2 },
        'value for undeclared variable "lambda_timout_seconds"',
      ),
    );
  });
});
