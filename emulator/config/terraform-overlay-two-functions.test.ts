/**
 * A second module (test/fixtures/modules/two-functions): every function URL and every cache behaviour it
 * declares comes through, each function with its own settings and code from the zip it deploys.
 */
import path from "node:path";
import { expect, it } from "vitest";
import { REPO_ROOT } from "./defaults.js";
import { otherModuleDefaults } from "./module-defaults.js";
import { loadTerraformConfig } from "./terraform-overlay.js";

const MODULE = path.join(REPO_ROOT, "test/fixtures/modules/two-functions");
const load = () => loadTerraformConfig({ dir: MODULE, base: otherModuleDefaults(), cache: false });

it("reads both functions: the first as functionUrl, the other by name, each with its URL's settings", async () => {
  const config = await load();
  const events = config.functionUrl;
  const report = config.functions?.["fixture-report"];
  expect(events).toMatchObject({
    functionName: "fixture-events",
    authType: "AWS_IAM",
    invokeMode: "RESPONSE_STREAM",
    memoryMb: 256,
    timeoutSeconds: 30,
    environment: { EVENT_COUNT: "3" },
    codeFrom: "artifact",
    artifact: path.join(MODULE, "dist/events.zip"),
    executionRole: { name: "fixture-events-execution" },
  });
  expect(report).toMatchObject({
    functionName: "fixture-report",
    authType: "NONE",
    invokeMode: "BUFFERED",
    memoryMb: 128,
    codeFrom: "artifact",
    artifact: path.join(MODULE, "dist/report.zip"),
    logging: { logFormat: "JSON", applicationLogLevel: "INFO" },
  });
  expect(report?.permissions.map((p) => [p.action, p.principal]).sort()).toEqual([
    ["lambda:InvokeFunction", "*"],
    ["lambda:InvokeFunctionUrl", "*"],
  ]);
  // Each URL gets its own url-id, derived from its function's name, the same on every read.
  expect(report?.urlId).toMatch(/^[0-9a-f]{32}$/);
  expect(report?.urlId).not.toBe(events.urlId);
  expect((await load()).functions?.["fixture-report"]?.urlId).toBe(report?.urlId);
  // Nothing of this project's function is left on a function of another module.
  expect(events.apiKeySource).toBeUndefined();
  expect(events.sourceEntry).toBe("");
});

it("reads the ordered behaviours in order, each with its origin, OAC and function; the default last", async () => {
  const { cloudfront } = await load();
  expect(cloudfront.orderedBehaviors?.map((b) => [b.pathPattern, b.originFunction])).toEqual([
    ["/events/*", "fixture-events"],
    ["/reports/*", "fixture-report"],
  ]);
  const [events, reports] = cloudfront.orderedBehaviors ?? [];
  expect(events?.oac?.signingBehavior).toBe("always");
  expect(events?.viewerRequestFunction?.name).toBe("fixture-tag-events");
  expect(events?.allowedMethods).toContain("POST");
  expect(reports?.oac).toBeUndefined();
  expect(reports?.viewerRequestFunction).toBeUndefined();
  expect(reports?.allowedMethods).toEqual(["GET", "HEAD"]);
  expect(cloudfront).toMatchObject({ originFunction: "fixture-report", originId: "report" });
  expect(cloudfront.allowedMethods).toEqual(["GET", "HEAD", "OPTIONS"]);
  expect("viewerRequestFunction" in cloudfront).toBe(false);
  expect(cloudfront.originReadTimeoutSeconds).toBe(30);
});

it("the permissions' source_arn is the local distribution's ARN", async () => {
  const config = await load();
  const arn = `arn:aws:cloudfront::${config.accountId}:distribution/${config.cloudfront.distributionId}`;
  expect(config.functionUrl.permissions.map((p) => p.sourceArn)).toEqual([arn, arn]);
});
