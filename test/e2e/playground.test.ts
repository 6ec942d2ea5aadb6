/**
 * Browser end-to-end test of the playground (frontend/README.md, "Tests"): a real Debian Chromium, driven
 * with playwright-core, against the whole offline stack on ephemeral ports (Cognito, Gemini stub, Function
 * URL running the real handler, CloudFront with its viewer-request function and OAC, Vite playground).
 *
 * Screenshots of each step go to `test-results/e2e/` (git-ignored) as artifacts.
 * Without Chromium the file is skipped with a printed reason, except under a truthy CI (test/test-support/ci.ts),
 * where it fails.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MESSAGES } from "../../frontend/src/components/error-messages.js";
import { ARTIFACTS, chromiumAvailable as canRunChromium, launchChromium } from "../test-support/chromium.js";
import { freePort } from "../test-support/free-port.js";
import { startTestStack, type TestStack } from "../test-support/test-stack.js";

const DEMO = { username: "alice", password: "Alice-Pass-1" };

const chromiumAvailable = canRunChromium("[e2e] the playground browser test");

describe.skipIf(!chromiumAvailable)("playground in Chromium", () => {
  let stack: TestStack;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  async function shot(name: string): Promise<void> {
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  }

  /** Text of the element a test id names ("" when empty). */
  const text = async (testId: string): Promise<string> =>
    ((await page.getByTestId(testId).textContent()) ?? "").trim();
  const messages = () => page.getByTestId("chatbot-message");
  const lastModelMessage = () => page.locator('[data-testid="chatbot-message"][data-role="model"]').last();

  async function ask(query: string): Promise<void> {
    await page.getByTestId("chatbot-input").fill(query);
    await page.getByTestId("chatbot-send").click();
  }

  /** Waits until no answer is in flight (the Send button is back). */
  async function idle(): Promise<void> {
    await page.getByTestId("chatbot-stop").waitFor({ state: "detached", timeout: 15_000 });
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const playgroundPort = await freePort();
    const origin = `http://127.0.0.1:${playgroundPort}`;
    stack = await startTestStack(
      {
        playground: { port: playgroundPort },
        // No CORS override: the browser's fetch to CloudFront is cross-origin with Authorization
        // and x-amz-content-sha256, so its preflight must pass because the Function URL's allowed
        // origins follow the moved playground (emulator/config/local-origins.ts).
        // The pinned default pace (40 ms a piece): the long answer must last long enough to stop.
        gemini: { pieceDelayMs: 40 },
      },
      ["cognito", "gemini", "ssm", "functionUrl", "cloudfront", "playground"],
    );
    expect(stack.urls.playground).toBe(`${origin}/`);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // A clock that runs in real time until a test shifts it (Playwright clock emulation), so the
    // last test can move the page past its tokens' expiry without waiting an hour.
    await context.clock.install();
    page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
  }, 90_000);

  afterAll(async () => {
    await context?.close().catch(() => {});
    await browser?.close().catch(() => {});
    await stack?.close();
  });

  it("signs in as the demo user through Amplify against the local Cognito", async () => {
    await page.goto(stack.urls.playground ?? "", { waitUntil: "load" });
    await page.getByTestId("playground-username").fill(DEMO.username);
    await page.getByTestId("playground-password").fill(DEMO.password);
    await shot("01-sign-in-form");
    await page.getByTestId("playground-sign-in").click();
    await expect
      .poll(() => page.getByTestId("playground-user").textContent(), { timeout: 15_000 })
      .toBe(`Signed in as ${DEMO.username}`);
    await expect.poll(() => page.getByTestId("playground-sign-in").count()).toBe(0);
    await shot("02-signed-in");
    expect(pageErrors).toEqual([]);
  });

  it("shows the answer growing in several visible steps before it completes", async () => {
    stack.gemini?.journal.clear();
    // Eight pieces 150 ms apart: slow enough that a poller sees the live region between pieces.
    await ask("How should I start? [[stub:paced pieces=8 delayMs=150]]");
    const lengths: number[] = [];
    const deadline = Date.now() + 15_000;
    let done = false;
    let shotTaken = false;
    while (Date.now() < deadline) {
      const sample = await page.evaluate(() => ({
        streaming: document.querySelector('[data-testid="chatbot-streaming"]')?.textContent ?? "",
        answered: document.querySelectorAll('[data-testid="chatbot-message"][data-role="model"]').length,
      }));
      if (sample.answered > 0) {
        done = true;
        break;
      }
      // "The tutor is thinking…" shows before the first chunk; only count answer text.
      const answerText = sample.streaming.includes("The tutor is thinking") ? "" : sample.streaming;
      if (answerText.length > 0 && answerText.length !== lengths.at(-1)) lengths.push(answerText.length);
      if (lengths.length === 3 && !shotTaken) {
        await shot("03-answer-streaming");
        shotTaken = true;
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(done).toBe(true);
    expect(lengths.length).toBeGreaterThanOrEqual(3);
    // Each visible step is longer than the one before: the answer grows, it is not replaced.
    for (let i = 1; i < lengths.length; i++) expect(lengths[i]).toBeGreaterThan(lengths[i - 1] ?? 0);

    const answer = lastModelMessage();
    expect(await answer.getAttribute("data-status")).toBeNull();
    const finalText = ((await answer.textContent()) ?? "").trim();
    expect(finalText.length).toBeGreaterThan(lengths.at(-1) ?? 0);
    await expect.poll(() => text("chatbot-streaming")).toBe("");
    const [call] = stack.gemini?.journal.list() ?? [];
    expect(call).toMatchObject({ method: "stream", scenario: "paced", completed: true, aborted: false });
    await shot("04-answer-complete");
  });

  it("stops a long answer: the partial answer is kept and marked stopped; the function is not told, so the model call runs to its end (aws/aws-lambda-nodejs-runtime-interface-client#145)", async () => {
    stack.gemini?.journal.clear();
    const before = await messages().count();
    await ask("Explain everything about hash maps. [[stub:long-answer]]");
    // Wait for some answer text, then press Stop mid-stream.
    await expect
      .poll(async () => (await text("chatbot-streaming")).length, { timeout: 10_000 })
      .toBeGreaterThan(100);
    await shot("05-long-answer-streaming");
    const seenBeforeStop = await text("chatbot-streaming");
    await page.getByTestId("chatbot-stop").click();
    await idle();

    await expect.poll(() => messages().count()).toBe(before + 2);
    const stopped = lastModelMessage();
    expect(await stopped.getAttribute("data-status")).toBe("stopped");
    const kept = (await stopped.textContent()) ?? "";
    expect(kept).toContain("(stopped)");
    // Everything already shown is kept (a piece or two more may have landed before the abort).
    expect(kept).toContain(seenBeforeStop);
    // Stop ends the viewer's request, but Lambda does not report a gone viewer to the function
    // (aws/aws-lambda-nodejs-runtime-interface-client#145): the model call goes on to its natural end (200
    // pieces x 40 ms), unread.
    const call = await stack.gemini?.journal.waitFor((entry) => entry.completed || entry.aborted, 20_000);
    expect(call).toMatchObject({ scenario: "long-answer", aborted: false, completed: true });
    expect(await page.getByTestId("chatbot-error").count()).toBe(0);
    await shot("06-long-answer-stopped");
  });

  it("shows the tutor-unavailable message for an injected model failure", async () => {
    stack.gemini?.journal.clear();
    await ask("Any hint? [[stub:unavailable]]");
    const alert = page.getByTestId("chatbot-error");
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.getAttribute("role")).toBe("alert");
    expect(await alert.textContent()).toContain(MESSAGES.unavailable);
    // A tutor failure is worth retrying, unlike a sign-in problem.
    expect(await page.getByTestId("chatbot-retry").count()).toBe(1);
    expect(stack.gemini?.journal.list().some((entry) => entry.scenario === "unavailable")).toBe(true);
    await shot("07-tutor-unavailable");
  });

  it("shows the specific 401 message once the token's signing key is retired", async () => {
    // Why this way: an Amplify session never sends an expired ID token (it refreshes 5 s before
    // `exp`), and Cognito's GlobalSignOut does not invalidate an ID token that a verifier checks
    // offline. What makes a held ID token fail server-side is its key leaving the pool's JWKS, so
    // we retire the keys (pinned dev endpoint). Assumption: a warm Lambda keeps the JWKS it cached
    // (aws-jwt-verify caches by kid), so the retirement shows in a fresh execution environment;
    // `reload()` gives the next request one, as a deploy or recycled environment would.
    const cognitoUrl = stack.urls.cognito ?? "";
    const rotated = await fetch(new URL("/_dev/keys/rotate", cognitoUrl), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ retireOld: true }),
    });
    expect(rotated.status).toBe(200);
    stack.functionUrl?.reload("e2e: signing keys retired");

    const endpoint = stack.endpoint;
    const answered = page.waitForResponse(
      (response) => response.url() === endpoint && response.request().method() === "POST",
    );
    await ask("Is my loop right?");
    const response = await answered;
    expect(response.status()).toBe(401);
    expect((await response.json()).error.code).toBe("TOKEN_INVALID");

    const alert = page.getByTestId("chatbot-error");
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.textContent()).toContain(MESSAGES.invalidSession);
    // Signing in again is the fix, not retrying.
    expect(await page.getByTestId("chatbot-retry").count()).toBe(0);
    // The question is given back, so the user can send it after signing in again.
    expect(await page.getByTestId("chatbot-input").inputValue()).toBe("Is my loop right?");
    // The page asks for the password again (and no longer claims someone is signed in).
    await page.getByTestId("playground-sign-in").waitFor({ timeout: 5000 });
    expect(await page.getByTestId("playground-user").count()).toBe(0);
    await shot("08-session-invalid");
  });

  it("after signing in again, the given-back question is answered with a token from the new key", async () => {
    const before = await messages().count();
    await page.getByTestId("playground-password").fill(DEMO.password);
    await page.getByTestId("playground-sign-in").click();
    await page.getByTestId("playground-user").waitFor({ timeout: 15_000 });
    // Same user: the conversation and the given-back question survived the new sign-in.
    expect(await messages().count()).toBe(before);
    expect(await page.getByTestId("chatbot-input").inputValue()).toBe("Is my loop right?");
    await page.getByTestId("chatbot-send").click();
    await idle();
    await expect.poll(() => messages().count()).toBe(before + 2);
    expect(await lastModelMessage().getAttribute("data-status")).toBeNull();
    expect(await page.getByTestId("chatbot-error").count()).toBe(0);
    // The conversation box scrolls by itself: the newest answer is in view, not below its fold.
    const view = await page.evaluate(() => {
      const list = document.querySelector('[data-testid="chatbot-messages"]');
      const items = document.querySelectorAll('[data-testid="chatbot-message"]');
      const last = items[items.length - 1];
      if (!list || !last) return null;
      return { list: list.getBoundingClientRect().toJSON(), last: last.getBoundingClientRect().toJSON() };
    });
    expect(view).not.toBeNull();
    expect(view?.last.bottom).toBeLessThanOrEqual((view?.list.bottom ?? 0) + 1);
    expect(view?.last.top).toBeGreaterThanOrEqual((view?.list.top ?? 0) - 1);
    await shot("09-signed-in-again");
  });

  it("shows the session-expired message once the session is revoked (GlobalSignOut) and the ID token expires", async () => {
    // GlobalSignOut from another device revokes every refresh token Cognito issued to the user
    // (Cognito API reference, GlobalSignOut), the page's included. The ID token the page holds
    // stays verifiable until its `exp`, so the session ends when Amplify next needs a refresh:
    // we move the page's clock past the token's lifetime instead of waiting an hour.
    const cognitoUrl = stack.urls.cognito ?? "";
    const idp = async (target: string, body: unknown) => {
      const response = await fetch(cognitoUrl, {
        method: "POST",
        headers: {
          "content-type": "application/x-amz-json-1.1",
          "x-amz-target": `AWSCognitoIdentityProviderService.${target}`,
        },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(200);
      return (await response.json()) as { AuthenticationResult?: { AccessToken: string } };
    };
    const elsewhere = await idp("InitiateAuth", {
      AuthFlow: "USER_PASSWORD_AUTH",
      ClientId: stack.config.cognito.clientId,
      AuthParameters: { USERNAME: DEMO.username, PASSWORD: DEMO.password },
    });
    await idp("GlobalSignOut", { AccessToken: elsewhere.AuthenticationResult?.AccessToken ?? "" });

    const ttlMs = stack.config.cognito.idTokenTtlSeconds * 1000;
    await page.clock.setSystemTime(Date.now() + ttlMs + 60_000);
    const chatbotCalls: string[] = [];
    page.on("request", (request) => {
      if (request.url() === stack.endpoint && request.method() === "POST") chatbotCalls.push(request.url());
    });
    await ask("One more hint?");
    const alert = page.getByTestId("chatbot-error");
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.textContent()).toContain(MESSAGES.sessionExpired);
    // The client knew the session was over: no request with a dead token was sent.
    expect(chatbotCalls).toEqual([]);
    expect(await page.getByTestId("chatbot-retry").count()).toBe(0);
    await page.getByTestId("playground-sign-in").waitFor({ timeout: 5000 });
    await shot("10-session-expired");
    expect(pageErrors).toEqual([]);
  });
});
