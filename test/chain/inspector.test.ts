/**
 * The request inspector through the real stack: CloudFront (viewer-request function, OAC), the Function
 * URL (SigV4, resource policy), the real handler in a container, and the Gemini stub, all recording into
 * one recorder, read back over `GET /__emulator/requests`.
 */
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { functionUrlDomain } from "../../emulator/config/defaults.js";
import type { ChatView, HopName } from "../../emulator/inspector/types.js";
import { bearer, viewerHeaders } from "../../emulator/stack/viewer-request.js";
import { chatBody } from "../test-support/chat-client.js";
import { startTestStack, type TestStack } from "../test-support/test-stack.js";

let stack: TestStack;
let idToken: string;

beforeAll(async () => {
  stack = await startTestStack();
  const tokens = await stack.cognito?.mintTokens("alice");
  if (!tokens) throw new Error("cognito not running");
  idToken = tokens.idToken;
}, 60_000);

afterAll(async () => {
  await stack?.close();
});

async function chat(query: string, token: string | undefined, extra: Record<string, string> = {}) {
  const body = JSON.stringify(chatBody(query));
  const res = await fetch(stack.endpoint, {
    method: "POST",
    body,
    headers: { ...viewerHeaders(body, bearer(token)), ...extra },
  });
  const text = await res.text();
  return { status: res.status, cfId: res.headers.get("x-amz-cf-id") ?? "", text };
}

async function inspect(): Promise<{ raw: string; chats: ChatView[] }> {
  const res = await fetch(new URL("/__emulator/requests", stack.urls.cloudfront));
  expect(res.status).toBe(200);
  const raw = await res.text();
  return { raw, chats: (JSON.parse(raw) as { chats: ChatView[] }).chats };
}

/** The chat once every hop has ended (the model call's journal entry closes a moment after the reply). */
async function settled(id: string, wanted: HopName[]): Promise<ChatView> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const res = await fetch(new URL(`/__emulator/requests/${encodeURIComponent(id)}`, stack.urls.cloudfront));
    if (res.status === 200) {
      const view = (await res.json()) as ChatView;
      const names = view.hops.map((hop) => hop.name);
      if (wanted.every((name) => names.includes(name)) && view.hops.every((hop) => hop.durationMs !== null)) {
        return view;
      }
    }
    if (Date.now() > deadline) throw new Error(`chat ${id} did not settle with hops ${wanted.join(", ")}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const ALL_HOPS: HopName[] = [
  "viewer-request",
  "cloudfront-function",
  "origin-request",
  "function-url-auth",
  "lambda-event",
  "invocation",
  "model-call",
];

describe("request inspector", () => {
  it("records a successful chat's hops in order under CloudFront's X-Amz-Cf-Id", async () => {
    const reply = await chat("How do I start?", idToken);
    expect(reply.status).toBe(200);
    const view = await settled(reply.cfId, ALL_HOPS);
    expect(view.id).toBe(reply.cfId);
    expect(view.hops.map((hop) => hop.name)).toEqual(ALL_HOPS);
    expect(view.hops.every((hop) => hop.outcome === "ok")).toBe(true);
    expect(view.refusal).toBeNull();
    const starts = view.hops.map((hop) => hop.startMs);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));

    const hop = (name: HopName) => view.hops.find((h) => h.name === name);
    // The viewer-request function copies Authorization to x-forwarded-authorization (design: pinned 1).
    expect(hop("cloudfront-function")?.detail.added).toContain("x-forwarded-authorization");
    expect(hop("origin-request")?.detail.signed).toBe(true);
    expect(hop("origin-request")?.detail.signedHeaders).toContain("x-amz-content-sha256");
    expect(
      (hop("lambda-event")?.detail.headers as Record<string, string> | undefined)?.[
        "x-forwarded-authorization"
      ],
    ).toBe("[REDACTED]");
    const invocation = hop("invocation");
    expect(invocation?.status).toBe(200);
    expect(invocation?.detail.requestId).toBe(hop("lambda-event")?.detail.requestId);
    expect(typeof invocation?.detail.billedDurationMs).toBe("number");
    // The handler's own log line for this invocation, filed under it (it names the same RequestId).
    await expect
      .poll(
        async () =>
          (await settled(reply.cfId, ALL_HOPS)).hops.find((h) => h.name === "invocation")?.logs ?? [],
      )
      .toContainEqual(expect.stringContaining(`"requestId":"${String(invocation?.detail.requestId)}"`));
    expect(hop("model-call")?.detail.attributedBy).not.toBe("none");
    expect(hop("model-call")?.detail.container).toBe(invocation?.detail.container);
    expect(hop("model-call")?.detail.promptTokens).toBeGreaterThan(0);
  });

  it("stops a chat without a token at the handler's hop with its TOKEN_* reason", async () => {
    const reply = await chat("no token", undefined);
    expect(reply.status).toBe(401);
    const view = await settled(reply.cfId, ["invocation"]);
    expect(view.status).toBe(401);
    expect(view.refusal).toMatchObject({ hop: "invocation", status: 401 });
    expect(view.refusal?.reason).toMatch(/^TOKEN_MISSING/);
    expect(view.hops.map((hop) => hop.name)).not.toContain("model-call");
  });

  it("shows the Function URL's auth hop refusing an unsigned direct call (403, AWS's message)", async () => {
    const body = JSON.stringify(chatBody("direct"));
    const res = await fetch(new URL("/chatbot", stack.urls.functionUrl), {
      method: "POST",
      body,
      headers: { ...viewerHeaders(body, bearer(idToken)), host: functionUrlDomain(stack.config) },
    });
    expect(res.status).toBe(403);
    const { chats } = await inspect();
    const direct = chats.find((c) => c.id.startsWith("direct-") && c.hops[0]?.name === "function-url-auth");
    expect(direct?.refusal).toMatchObject({ hop: "function-url-auth", status: 403 });
    expect(direct?.refusal?.reason).toMatch(/^Forbidden\. .*\(SigV4 unsupported-algorithm\)$/);
    expect(direct?.hops).toHaveLength(1);
  });

  it("shows the model hop failing under [[stub:server-error]]", async () => {
    const reply = await chat("please fail [[stub:server-error]]", idToken);
    const view = await settled(reply.cfId, ["invocation", "model-call"]);
    const model = view.hops.find((hop) => hop.name === "model-call");
    expect(model).toMatchObject({ outcome: "failed", status: 500 });
    expect(model?.detail.scenario).toBe("server-error");
    expect(view.refusal?.hop).toBe("model-call");
  });

  it("keeps tokens, keys, signatures, the secret key and cookie values out of the JSON", async () => {
    const cookieValue = "session-cookie-value-4c1d";
    const reply = await chat("secrets?", idToken, {
      cookie: `sid=${cookieValue}`,
      "x-api-key": "custom-key-9f3e",
    });
    await settled(reply.cfId, ALL_HOPS);
    // A presigned-looking query and a made-up session token header on a direct call too.
    await new Promise<void>((resolve) => {
      const req = http.request(
        new URL(
          "/chatbot?X-Amz-Signature=abcdef0123456789&X-Amz-Security-Token=tok-77",
          stack.urls.functionUrl,
        ),
        {
          method: "POST",
          headers: { host: functionUrlDomain(stack.config), "x-amz-security-token": "tok-77" },
        },
        (res) => res.resume().on("end", resolve),
      );
      req.end("{}");
    });
    const { raw } = await inspect();
    const secrets = [
      idToken,
      idToken.split(".")[2] ?? "",
      stack.config.gemini.apiKey,
      stack.config.credentials.cloudfront.secretAccessKey,
      cookieValue,
      "custom-key-9f3e",
      "tok-77",
      "abcdef0123456789",
    ];
    for (const secret of secrets) expect(secret.length).toBeGreaterThan(4);
    for (const secret of secrets) expect(raw).not.toContain(secret);
    expect(raw).not.toMatch(/Signature=[0-9a-f]{64}/);
    expect(raw).not.toMatch(/eyJ[\w-]+\.eyJ/);
  });
});
