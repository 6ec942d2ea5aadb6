/** One chat through CloudFront as alice, read to the end: status, content type and body text. */
import { chatBody, readTimed, viewerHeaders } from "../../test-support/chat-client.js";
import type { TestStack } from "../../test-support/test-stack.js";

export async function askAsAlice(
  stack: TestStack,
  query: string,
): Promise<{ status: number; contentType: string; text: string }> {
  const tokens = await stack.cognito?.mintTokens("alice");
  if (!tokens) throw new Error("cognito not running");
  const body = JSON.stringify(chatBody(query));
  const res = await fetch(stack.endpoint, {
    method: "POST",
    body,
    headers: viewerHeaders(tokens.idToken, body),
  });
  const { text } = await readTimed(res);
  return { status: res.status, contentType: res.headers.get("content-type") ?? "", text };
}
