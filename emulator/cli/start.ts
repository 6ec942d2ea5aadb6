/**
 * `npm start`: the whole offline stack on the pinned ports, a banner with everything needed to use
 * it, live reload of the handler, and a clean stop on Ctrl-C.
 */
import path from "node:path";
import { REPO_ROOT } from "../config/defaults.js";
import { loadStackConfig } from "../config/load.js";
import { watchForReload } from "../function-url/source-watch.js";
import { curlCommand } from "../stack/curl-example.js";
import { type RunningStack, startStack } from "../stack/stack.js";

const started = Date.now();

function log(line: string): void {
  process.stdout.write(`${new Date().toISOString().slice(11, 23)} ${line}\n`);
}

/** Which container runtime is in force, and the Node major, which differs from Lambda's. */
function runtimeLine(runtime: "ric" | "worker", lambdaRuntime: string): string {
  const how =
    runtime === "ric"
      ? "ric (AWS's aws-lambda-ric, one child process per container)"
      : "worker (the emulator's own runtime in worker threads)";
  const major = /^nodejs(\d+)/.exec(lambdaRuntime)?.[1] ?? "?";
  return `${how}; FUNCTION_RUNTIME=ric|worker. Node ${process.versions.node} here, ${lambdaRuntime} runs Node ${major}`;
}

function banner(stack: RunningStack, idToken: string): string {
  const { config } = stack;
  const users = config.cognito.users.map((u) => `${u.username} / ${u.password}`).join(", ");
  const lines = [
    "",
    `Offline chatbot stack ready in ${Date.now() - started} ms`,
    "",
    `  Chatbot endpoint   ${stack.endpoint}   (CloudFront -> OAC -> Function URL -> handler)`,
    `  Playground         ${stack.urls.playground ?? "(not started)"}`,
    `  Function URL       ${stack.urls.functionUrl}   (AWS_IAM: only CloudFront's signed calls get in)`,
    `  Cognito            ${stack.urls.cognito}   pool ${config.cognito.userPoolId}, client ${config.cognito.clientId}`,
    `  Gemini stub        ${stack.urls.gemini}   journal: GET /_stub/requests`,
    `  Lambda runtime     ${runtimeLine(config.functionUrl.containerRuntime ?? "worker", config.functionUrl.runtime)}`,
    "",
    `  Demo users         ${users}`,
    `  ID token (alice, ${config.cognito.idTokenTtlSeconds / 60} min):`,
    `    ${idToken}`,
    "",
    "  Try it (streams an answer):",
    "",
    curlCommand(stack.endpoint, idToken)
      .split("\n")
      .map((l) => `    ${l}`)
      .join("\n"),
    "",
    '  Or: npm run ask -- "why is my loop slow?"      Stop: Ctrl-C',
    "",
  ];
  return lines.join("\n");
}

async function main(): Promise<void> {
  const config = await loadStackConfig();
  const stack = await startStack(config, {
    services: ["cognito", "gemini", "functionUrl", "cloudfront", "playground"],
    log,
  });
  const alice = config.cognito.users[0];
  const tokens = alice ? await stack.cognito?.mintTokens(alice.username) : undefined;
  process.stdout.write(`${banner(stack, tokens?.idToken ?? "(no demo user configured)")}\n`);
  // A change under handler/src is picked up by the next request in a fresh container, like a redeploy.
  const stopWatching = stack.functionUrl
    ? watchForReload(stack.functionUrl, [path.join(REPO_ROOT, "handler/src")])
    : () => {};

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping the stack`);
    stopWatching();
    await stack.close();
    log("stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  process.stderr.write(`\nnpm start failed: ${(error as Error).message}\n`);
  process.exit(1);
});
