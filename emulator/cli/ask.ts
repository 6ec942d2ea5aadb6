/**
 * A terminal client for the local stack: signs in as a demo user with the Cognito IdP API,
 * sends the question through CloudFront with the real frontend client, prints the answer as it streams.
 *
 *   npm run ask -- "why is my loop slow?"
 *   npm run ask -- --user bob --code ./solution.js "is my base case right?"
 */
import { readFile } from "node:fs/promises";
import { streamChat } from "../../frontend/src/lib/chatbotApi.js";
import { passwordSignIn } from "../cognito/password-sign-in.js";
import { loadStackConfig } from "../config/load.js";
import { SAMPLE_REQUEST } from "../stack/sample-request.js";
import { abortOnInterrupt, chatCommand, chatEndpoint } from "./chat-target.js";
import { exitWithUsageError, parseCommandLine } from "./command-line.js";

const COMMAND = chatCommand({
  command: "npm run ask --",
  summary:
    "Signs in as a demo user (Cognito IdP API), sends the question through CloudFront with the real\n" +
    "frontend client, and prints the answer as it streams. Needs `npm start` running.",
  usage: '[options] "your question"',
  options: {
    password: { type: "string", value: "PASSWORD", help: "password (default: the demo user's)" },
    code: { type: "string", value: "FILE", help: "send this file as the user's code (default: a sample)" },
  },
  epilog: 'example:\n  npm run ask -- --user bob --code ./solution.js "is my base case right?"',
} as const);

async function main(): Promise<void> {
  const { values, positionals } = parseCommandLine(COMMAND);
  const query = positionals.join(" ").trim();
  if (!query) exitWithUsageError(COMMAND, "a question is required");
  const config = await loadStackConfig();
  const user = config.cognito.users.find((u) => u.username === values.user);
  const password = values.password ?? user?.password;
  if (!password) throw new Error(`unknown demo user ${values.user}; pass --password`);
  const cognitoUrl = `http://${config.cognito.host}:${config.cognito.port}/`;
  const idToken = await passwordSignIn(cognitoUrl, config.cognito.clientId, values.user, password);
  const userCode = values.code ? await readFile(values.code, "utf8") : SAMPLE_REQUEST.userCode;

  await streamChat(
    { problemDetails: SAMPLE_REQUEST.problemDetails, userCode, history: [], query },
    {
      endpoint: chatEndpoint(values.endpoint, config),
      signal: abortOnInterrupt(),
      getAuthHeaders: async () => ({ Authorization: `Bearer ${idToken}` }),
      onChunk: (text) => process.stdout.write(text),
    },
  );
  process.stdout.write("\n");
}

main().catch((error: unknown) => {
  const e = error as Error & { code?: string; status?: number };
  const detail = [e.status, e.code].filter(Boolean).join(" ");
  process.stderr.write(`\nask failed${detail ? ` (${detail})` : ""}: ${e.message}\n`);
  if ((e as NodeJS.ErrnoException).cause) process.stderr.write("Is `npm start` running?\n");
  process.exit(1);
});
