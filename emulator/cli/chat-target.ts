/**
 * What the commands that chat with the running stack share (`npm run ask`, `npm run curl`): the
 * `--user` and `--endpoint` flags, where the chat goes, and Ctrl-C ending a streamed answer.
 */
import { chatbotEndpoint } from "../config/defaults.js";
import type { StackConfig } from "../config/types.js";
import type { CommandSpec, FlagSpec } from "./command-line.js";

/** `--user` and `--endpoint`, spread into a command's options (command-line.ts). */
const CHAT_TARGET_FLAGS = {
  user: { type: "string", default: "alice", value: "NAME", help: "demo user to chat as" },
  endpoint: { type: "string", value: "URL", help: "chatbot endpoint (default: the local CloudFront)" },
} as const;

/**
 * A chat command's spec: its own flags after `--user` and `--endpoint`, positionals allowed (the
 * question or the body file).
 */
export function chatCommand<F extends Record<string, FlagSpec>>(
  spec: Omit<CommandSpec<F>, "allowPositionals">,
): CommandSpec<typeof CHAT_TARGET_FLAGS & F> {
  return { ...spec, allowPositionals: true, options: { ...CHAT_TARGET_FLAGS, ...spec.options } };
}

/** `--endpoint`, else the local CloudFront's chatbot endpoint. */
export function chatEndpoint(endpoint: string | undefined, config: StackConfig): string {
  return endpoint ?? chatbotEndpoint(config);
}

/** Aborts on Ctrl-C, so a streamed answer stops cleanly. */
export function abortOnInterrupt(): AbortSignal {
  const controller = new AbortController();
  process.on("SIGINT", () => controller.abort());
  return controller.signal;
}
