/**
 * The attack suite against another module (`npm run attack -- --terraform DIR`): the cases that hold for
 * any function URL whose auth type is AWS_IAM behind CloudFront with OAC, the edge category's SigV4 and OAC
 * checks (EDGE-01 to EDGE-13), aimed at the module's first cache behaviour that sends POST through OAC to
 * such a URL. The rest of the catalogue is about this project's chatbot (its tokens, model and answers).
 */

import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadModule } from "../emulator/cli/module-flag.js";
import { samplePath } from "../emulator/cli/stack-banner.js";
import { functionUrlDomain } from "../emulator/config/defaults.js";
import { findFunction } from "../emulator/config/functions.js";
import type { CacheBehaviorConfig, FunctionConfig, StackConfig } from "../emulator/config/types.js";
import type { FunctionUrlServer } from "../emulator/function-url/server.js";
import { type RunningStack, startStack } from "../emulator/stack/running-stack.js";
import type { AttackCase } from "./case.js";
import { CATALOGUE } from "./catalogue.js";
import { createTarget, type Sizes, type Target } from "./target.js";

/** The catalogue's cases that apply to any module. */
export const MODULE_CASES: readonly AttackCase[] = CATALOGUE.filter((c) => /^EDGE-(0\d|1[0-3])$/.test(c.id));

/** A value for the cases' `Authorization`: the module's functions check no token of this stack's. */
const NO_TOKEN = "not-a-token-this-module-checks";

/** The first behaviour (in CloudFront's order) that signs a POST with OAC for an AWS_IAM URL, and its function. */
export function attackedBehavior(
  config: StackConfig,
): { pathPattern: string; fn: FunctionConfig } | undefined {
  const cf = config.cloudfront;
  const behaviors: [string, CacheBehaviorConfig][] = [
    ...(cf.orderedBehaviors ?? []).map((b): [string, CacheBehaviorConfig] => [b.pathPattern, b]),
    ["*", cf],
  ];
  for (const [pathPattern, b] of behaviors) {
    const fn = findFunction(config, b.originFunction ?? config.functionUrl.functionName);
    if (fn?.authType === "AWS_IAM" && b.oac && b.allowedMethods.includes("POST")) return { pathPattern, fn };
  }
  return undefined;
}

/** The module's stack, started in-process, as a target for MODULE_CASES. */
export function moduleTarget(
  stack: Pick<RunningStack, "config" | "urls"> & { functionUrl?: Pick<FunctionUrlServer, "stats"> },
  sizes: Sizes,
  logs: string[],
): Target {
  const { config } = stack;
  const attacked = attackedBehavior(config);
  if (!attacked) {
    throw new Error(
      "the module has no cache behaviour that sends POST through OAC to an AWS_IAM function URL",
    );
  }
  const intruder = config.credentials.others[0];
  const endpoint = `${stack.urls.cloudfront?.replace(/\/$/, "")}${samplePath(attacked.pathPattern)}`;
  const fu = config.functionUrl;
  return createTarget({
    label: `module stack (in-process) ${endpoint} -> ${attacked.fn.functionName}`,
    endpoint,
    sizes,
    validToken: async () => NO_TOKEN,
    functionUrl: {
      url: `http://${fu.host}:${fu.port}`,
      host: functionUrlDomain(config, attacked.fn),
      region: config.region,
    },
    local: {
      mint: async () => NO_TOKEN,
      functionStats: () => {
        const stats = stack.functionUrl?.stats(attacked.fn.functionName);
        return { coldStarts: 0, invocations: 0, liveContainers: 0, died: 0, ...stats };
      },
      logs: () => logs,
      credentials: intruder ? { cloudfront: config.credentials.cloudfront, intruder } : undefined,
      stubMarkers: false,
      modelTimeoutMs: attacked.fn.timeoutSeconds * 1000,
    },
  });
}

/**
 * `npm run attack -- --terraform DIR`: the module's Function URLs and distributions started in-process on
 * ephemeral ports, and the target MODULE_CASES attack.
 */
export async function startModuleAttack(
  dir: string,
  sizes: Sizes,
): Promise<{ target: Target; close(): Promise<void> }> {
  const { config } = await loadModule(dir);
  config.functionUrl.port = 0;
  config.cloudfront.port = 0;
  config.stateDir = mkdtempSync(path.join(os.tmpdir(), "module-attack-"));
  const logs: string[] = [];
  const stack = await startStack(config, {
    services: ["functionUrl", "cloudfront"],
    log: (line) => logs.push(line),
  });
  return {
    target: moduleTarget(stack, sizes, logs),
    async close() {
      await stack.close();
      rmSync(config.stateDir, { recursive: true, force: true });
    },
  };
}
