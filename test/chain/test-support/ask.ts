/** One chat through CloudFront as alice, read to the end: status, content type and body text. */

import { bearer, viewerHeaders } from "../../../emulator/stack/viewer-request.js";
import { chatBody, readTimed } from "../../test-support/chat-client.js";
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
    headers: viewerHeaders(body, bearer(tokens.idToken)),
  });
  const { text } = await readTimed(res);
  return { status: res.status, contentType: res.headers.get("content-type") ?? "", text };
}
