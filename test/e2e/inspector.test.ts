/**
 * Browser test of the request inspector page: a real Chromium signs in to the playground, sends a chat,
 * a refused chat (no token) goes to the same CloudFront, and `/inspector.html` shows both as waterfalls:
 * the answered one with every hop down to the model call, the refused one stopping at the handler with
 * its TOKEN_MISSING reason. Screenshot: `test-results/e2e/inspector.png`.
 * Without Chromium the file is skipped with a printed reason, except under a truthy CI, where it fails.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { viewerHeaders } from "../../emulator/stack/viewer-request.js";
import { ARTIFACTS, chromiumAvailable as canRunChromium, launchChromium } from "../test-support/chromium.js";
import { startTestStack, type TestStack } from "../test-support/test-stack.js";
import { seriousViolations } from "./test-support/axe.js";

const chromiumAvailable = canRunChromium("[e2e] the request inspector browser test");

describe.skipIf(!chromiumAvailable)("request inspector page in Chromium", () => {
  let stack: TestStack;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    stack = await startTestStack({}, ["cognito", "gemini", "ssm", "functionUrl", "cloudfront", "playground"]);
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 1000 } })).newPage();
  }, 90_000);

  afterAll(async () => {
    await browser?.close().catch(() => {});
    await stack?.close();
  });

  it("shows an answered chat and a refused chat as waterfalls with their hops and the refusal reason", async () => {
    await page.goto(stack.urls.playground ?? "", { waitUntil: "load" });
    await page.getByTestId("playground-username").fill("alice");
    await page.getByTestId("playground-password").fill("Alice-Pass-1");
    await page.getByTestId("playground-sign-in").click();
    await page.getByTestId("playground-user").waitFor({ timeout: 15_000 });
    await page.getByTestId("chatbot-input").fill("How should I start?");
    await page.getByTestId("chatbot-send").click();
    await page.locator('[data-testid="chatbot-message"][data-role="model"]').waitFor({ timeout: 15_000 });

    // A refused chat: the same CloudFront, no token.
    const body = JSON.stringify({
      problemDetails: { title: "t", description: "d" },
      userCode: "",
      history: [],
      query: "q",
    });
    const refused = await fetch(stack.endpoint, {
      method: "POST",
      body,
      headers: viewerHeaders(body),
    });
    expect(refused.status).toBe(401);
    const refusedId = refused.headers.get("x-amz-cf-id") ?? "";

    await page.getByTestId("playground-inspector-link").click();
    await page.waitForURL(/inspector\.html$/);
    const refusedChat = page.locator(`[data-testid="inspector-chat"][data-chat-id="${refusedId}"]`);
    await refusedChat.waitFor({ timeout: 10_000 });
    await expect
      .poll(() => refusedChat.getByTestId("inspector-refusal").textContent())
      .toMatch(/refused at invocation \(401\): TOKEN_MISSING/);
    expect(await refusedChat.locator('[data-hop="model-call"]').count()).toBe(0);

    // The answered chat: every hop drawn, none refused, the model call among them.
    const answered = page.locator('[data-testid="inspector-chat"]', {
      has: page.locator('[data-hop="model-call"][data-outcome="ok"]'),
    });
    await expect.poll(() => answered.count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    const hops = await answered
      .first()
      .getByTestId("inspector-hop")
      .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-hop")));
    expect(hops).toEqual([
      "viewer-request",
      "cloudfront-function",
      "origin-request",
      "function-url-auth",
      "lambda-event",
      "invocation",
      "model-call",
    ]);
    expect(await answered.first().getByTestId("inspector-refusal").allTextContents()).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, "inspector.png"), fullPage: true });
  }, 60_000);

  it("has no serious or critical accessibility violation (axe-core), waterfalls drawn", async () => {
    expect(await seriousViolations(page)).toEqual([]);
  });
});
