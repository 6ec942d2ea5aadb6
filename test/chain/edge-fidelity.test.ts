/**
 * The chain as deployed (viewer -> CloudFront -> OAC -> Function URL -> handler -> Gemini stub), for
 * behaviours an earlier version of the emulator got wrong: CloudFront's own headers under the module's
 * origin request policy (docs/platform-facts.md#origin-request-policies) and an error frame inside
 * Gemini's stream (docs/platform-facts.md#gemini-errors).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { LambdaFunctionURLEventWithIAMAuthorizer } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { bearer, viewerHeaders } from "../../emulator/stack/viewer-request.js";
import { chatBody, readTimed, sseChunks } from "../test-support/chat-client.js";
import { startTestStack, type TestStack } from "../test-support/test-stack.js";

const here = path.dirname(fileURLToPath(import.meta.url));

async function aliceToken(stack: TestStack): Promise<string> {
  const tokens = await stack.cognito?.mintTokens("alice");
  if (!tokens) throw new Error("cognito not running");
  return tokens.idToken;
}

describe("CloudFront's headers in the handler's event under the module's origin request policy", () => {
  // Managed-AllViewerExceptHostHeader is `allExcept [host]`: viewer headers only (CloudFront API
  // reference, OriginRequestPolicyHeadersConfig); CloudFront adds its Via whatever the policy.
  it("the Function URL event shows Via and no CloudFront-* header", async () => {
    const stack = await startTestStack({
      functionUrl: { sourceEntry: path.join(here, "fixtures/echo-event.mjs") },
    });
    try {
      expect(stack.config.cloudfront.originRequestPolicyId).toBe("b689b0a8-53d0-40ab-baf2-68738e2966ac");
      const body = JSON.stringify(chatBody("echo"));
      const res = await fetch(stack.endpoint, {
        method: "POST",
        body,
        headers: {
          ...viewerHeaders(body, bearer("header.payload.signature")),
          "user-agent": "Mozilla/5.0 (X11; Linux)",
        },
      });
      expect(res.status).toBe(200);
      const event = (await res.json()) as LambdaFunctionURLEventWithIAMAuthorizer;
      expect(event.headers.via).toMatch(/^1\.1 [0-9a-f]{32}\.cloudfront\.net \(CloudFront\)$/);
      expect(event.headers.via).toBe(res.headers.get("via"));
      expect(Object.keys(event.headers).filter((name) => name.startsWith("cloudfront-"))).toEqual([]);
      expect(event.headers["user-agent"]).toBe("Mozilla/5.0 (X11; Linux)");
    } finally {
      await stack.close();
    }
  });
});

describe("an error frame inside Gemini's stream", () => {
  it("the viewer gets the text so far, then the pinned SSE error event and no [DONE]", async () => {
    const stack = await startTestStack();
    try {
      const body = JSON.stringify(
        chatBody("where do I start? [[stub:error-mid-stream afterPieces=2 code=503]]"),
      );
      const res = await fetch(stack.endpoint, {
        method: "POST",
        body,
        headers: viewerHeaders(body, bearer(await aliceToken(stack))),
      });
      expect(res.status).toBe(200);
      const { text } = await readTimed(res);
      expect(sseChunks(text)).toHaveLength(2);
      expect(text).not.toContain("[DONE]");
      expect(
        text.endsWith(
          'event: error\ndata: {"error":{"code":"UPSTREAM_UNAVAILABLE","message":"The model is unavailable; try again shortly."}}\n\n',
        ),
      ).toBe(true);
      expect(stack.gemini?.journal.list().at(-1)).toMatchObject({
        scenario: "error-mid-stream",
        completed: true,
      });
    } finally {
      await stack.close();
    }
  });
});
