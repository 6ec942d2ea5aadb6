/**
 * Every reason the repository gives can be followed from a clone: no comment, test name or document
 * cites a file outside the repository or an issue of a tracker that does not travel with the code.
 * A platform fact lives in docs/platform-facts.md with its public source, a pinned interface in
 * docs/interfaces.md; an upstream report is cited as `owner/repo#N` or by URL.
 */
import { expect, it } from "vitest";
import { REPO_ROOT } from "../test-support/import-graph.js";
import {
  brokenHeadingLinks,
  headingAnchor,
  markdownNamesOf,
  outsideReferences,
  outsideReferencesIn,
  scannedFiles,
} from "../test-support/outside-references.js";

/** The rule's own source and this test quote what they look for. */
const SELF = new Set([
  "test/test-support/outside-references.ts",
  "test/architecture/self-contained-references.test.ts",
]);
const files = scannedFiles(REPO_ROOT, SELF);
/** The names the rule looks for, built so that a search of the tree for them finds no sample here. */
const FACTS = ["aws", "facts"].join("-");
const DESIGN = ["shared", "design"].join("/");
const ISSUE = "issue";

it("reads the sources, Terraform, scripts, workflows and every Markdown file (the check is not vacuous)", () => {
  for (const expected of [
    "README.md",
    "ARCHITECTURE.md",
    "docs/platform-facts.md",
    "docs/interfaces.md",
    "emulator/function-url/README.md",
    "handler/src/app.ts",
    "frontend/src/components/Chatbot.tsx",
    "terraform/lambda.tf",
    "scripts/docker/engine.sh",
    "docker-compose.yml",
    ".github/workflows/deploy.yml",
    ".ci/run",
  ]) {
    expect(files, expected).toContain(expected);
  }
  expect(files.length).toBeGreaterThan(600);
});

it("no comment, test name or document points outside the repository or at an unnamed tracker", () => {
  const found = outsideReferences(REPO_ROOT, files).map(
    ({ file, line, why, text }) => `${file}:${line}: ${why}: ${text.slice(0, 120)}`,
  );
  expect(found).toEqual([]);
});

it("every link to a heading of our Markdown (docs/platform-facts.md#…) names a heading that exists", () => {
  const found = brokenHeadingLinks(REPO_ROOT, files).map(({ file, line, why }) => `${file}:${line}: ${why}`);
  expect(found).toEqual([]);
});

it("derives a heading's anchor as GitHub does", () => {
  expect(headingAnchor("Who may call a Function URL")).toBe("who-may-call-a-function-url");
  expect(headingAnchor("Content-Encoding in the prelude")).toBe("content-encoding-in-the-prelude");
  expect(headingAnchor("Why `nodejs24.x`")).toBe("why-nodejs24x");
  expect(headingAnchor("aws-lambda-ric as a process")).toBe("aws-lambda-ric-as-a-process");
});

it.each([
  [`// Source: ${FACTS}.md, the request event`, FACTS],
  [`it("answers 400 (${FACTS}: Gemini errors)", ...)`, FACTS],
  [`/** The request body (pinned in ${DESIGN}.md). */`, "shared/"],
  ["# Why: no registry here (shared/reference/toolchain.md)", "shared/"],
  ["// see ../../../notes/notes.md", "outside the repository: ../../../notes/notes.md"],
  [`as ../../${DESIGN}.md says`, "a shared/ file the repository does not have"],
  [" * [design](../../../elsewhere/design.md)", "outside the repository"],
  [`// Regression (${ISSUE} 17): debug printed nothing`, `"${ISSUE} 17"`],
  ["Targets (Issue #18)", '"Issue #18"'],
  ["the cases issues 8 and 9 name", '"issues 8"'],
  ["as PR #3 found", '"PR #3"'],
  ['// pinned names: shared design, "Handler configuration"', "shared design"],
  ["// the flags Chromium needs here (toolchain.md)", "names toolchain.md"],
])("flags %s", (line, why) => {
  const found = outsideReferencesIn(line, "handler/src/app.ts", REPO_ROOT, markdownNamesOf(files));
  expect(found.join("; ")).toContain(why);
});

it.each([
  "small writes held (aws/aws-lambda-nodejs-runtime-interface-client#94)",
  "reported upstream: RIC issue #145, and opennextjs/opennextjs-aws#952",
  "recorded in aws-samples/bedrock-access-gateway issue #87",
  "https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/issues/145",
  'import type { StackEventEmitter } from "../common/stack-events.js";',
  "see docs/platform-facts.md#function-url-errors and ../../docs/interfaces.md",
  "the function's session token and the container #3",
  'kidInjection: async (kid = "../../../../etc/passwd") => forge(kid),',
  '// the delivery modes: docs/delivery.md, and README.md\'s "Logs"',
  " * awsdocs/amazon-cloudfront-developer-guide@5999c0d functions-javascript-runtime-features.md",
  "expect(existsSync(files.md)).toBe(true);",
])("allows %s", (line) => {
  expect(
    outsideReferencesIn(line, "emulator/function-url/server.ts", REPO_ROOT, markdownNamesOf(files)),
  ).toEqual([]);
});
