/**
 * The part of `npm start`'s banner that is this project's own (its chatbot endpoint, a sample chat and
 * `npm run ask`), printed when the stack runs this project's module; the rest is any module's.
 */
import type { RunningStack } from "../stack/running-stack.js";
import { curlCommand } from "../stack/sample-request.js";

/** The endpoint line, after the title. */
export function chatbotEndpointLines(stack: RunningStack): string[] {
  return [`  Chatbot endpoint   ${stack.endpoint}   (CloudFront -> OAC -> Function URL -> handler)`];
}

/** How to try it: the sample question as curl, and `npm run ask`. */
export function chatbotTryLines(stack: RunningStack, idToken: string): string[] {
  return [
    "  Try it (streams an answer):",
    "",
    curlCommand(stack.endpoint, idToken)
      .split("\n")
      .map((l) => `    ${l}`)
      .join("\n"),
    "",
    '  Or: npm run ask -- "why is my loop slow?"      Stop: Ctrl-C',
  ];
}
