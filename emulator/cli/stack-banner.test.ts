/** The banner's map of a module's stack: every behaviour in CloudFront's order and every function. */
import path from "node:path";
import { expect, it } from "vitest";
import { REPO_ROOT } from "../config/defaults.js";
import { otherModuleDefaults } from "../config/module-defaults.js";
import { loadTerraformConfig } from "../config/terraform-overlay.js";
import { stackMap } from "./stack-banner.js";

const MODULE = path.join(REPO_ROOT, "test/fixtures/modules/two-functions");

it("lists each behaviour (ordered ones first, Default (*) last) with its function, and each function", async () => {
  const config = await loadTerraformConfig({ dir: MODULE, base: otherModuleDefaults(), cache: false });
  const lines = stackMap(config, {
    cloudfront: "http://127.0.0.1:8080",
    functionUrl: "http://127.0.0.1:9001",
  });
  const squeezed = lines.map((l) => l.trim().replace(/\s{2,}/g, " | "));
  expect(squeezed[0]).toMatch(/^Distribution \| \S+ \(\S+\.cloudfront\.net\) \| http:\/\/127\.0\.0\.1:8080$/);
  expect(squeezed.slice(1, 4)).toEqual([
    "/events/* | -> fixture-events | AWS_IAM, RESPONSE_STREAM | OAC always | function fixture-tag-events | GET HEAD OPTIONS PUT PATCH POST DELETE",
    "/reports/* | -> fixture-report | NONE, BUFFERED | unsigned | no function | GET HEAD",
    "Default (*) | -> fixture-report | NONE, BUFFERED | unsigned | no function | GET HEAD OPTIONS",
  ]);
  expect(squeezed[4]).toBe("Functions | on http://127.0.0.1:9001, each URL told apart by its Host");
  expect(squeezed.slice(5).map((l) => l.split(" | ").filter((_, i) => i !== 1))).toEqual([
    [
      "fixture-events",
      "AWS_IAM, RESPONSE_STREAM",
      "nodejs24.x",
      `zip ${path.relative(process.cwd(), path.join(MODULE, "dist/events.zip"))} (as deployed)`,
    ],
    [
      "fixture-report",
      "NONE, BUFFERED",
      "nodejs24.x",
      `zip ${path.relative(process.cwd(), path.join(MODULE, "dist/report.zip"))} (as deployed)`,
    ],
  ]);
});
