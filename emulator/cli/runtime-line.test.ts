import { execFileSync } from "node:child_process";
import { expect, it } from "vitest";
import { resolveFunctionNode } from "../function-url/runtimes/ric/function-node.js";
import { runtimeLine } from "./runtime-line.js";

it("ric: names the function's Node as its binary prints it, and the aws-lambda-ric of the runtime's line", () => {
  const line = runtimeLine("ric", "nodejs24.x");
  const printed = execFileSync(resolveFunctionNode("nodejs24.x").binary, ["--version"], {
    encoding: "utf8",
  }).trim();
  expect(printed).toMatch(/^v24\./);
  expect(line).toContain(
    `function: Node ${printed} (node-${process.platform}-${process.arch}), aws-lambda-ric 4.`,
  );
  expect(line).toContain("as nodejs24.x");
});

it("worker: says the function runs on the emulator's own Node, and what the runtime would run", () => {
  expect(runtimeLine("worker", "nodejs24.x")).toContain(
    `function: Node ${process.version}, the emulator's own (nodejs24.x runs Node 24: FUNCTION_RUNTIME=ric for that)`,
  );
});
