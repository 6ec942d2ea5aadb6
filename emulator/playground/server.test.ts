import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, expectTypeOf, it } from "vitest";
import type { ChatView as PageChatView } from "../../frontend/playground/inspector-types.js";
import { defaultConfig, REPO_ROOT } from "../config/defaults.js";
import { INSPECTOR_PATH } from "../inspector/routes.js";
import type { ChatView } from "../inspector/types.js";
import { type RunningPlayground, startPlayground } from "./server.js";

const config = defaultConfig();
// Distinct values, so the test proves they come from the config and not from a default.
config.cognito.port = 19229;
config.cognito.userPoolId = "us-east-1_PlaygroundTest";
config.cloudfront.port = 18080;

let cacheDir: string;
let playground: RunningPlayground;
beforeAll(async () => {
  cacheDir = await mkdtemp(path.join(os.tmpdir(), "playground-vite-"));
  playground = await startPlayground({ config, port: 0, host: "127.0.0.1", cacheDir });
});
afterAll(async () => {
  await playground?.close();
  // Vite's dependency optimiser may still be renaming its temp folder as it shuts down.
  await rm(cacheDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
});

it("listens on 127.0.0.1 and serves index.html with the Vite client", async () => {
  expect(playground.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  // Port 0 must mean an ephemeral port, never the pinned 5173 that a running stack may hold.
  expect(new URL(playground.url).port).not.toBe("5173");
  const response = await fetch(playground.url);
  expect(response.status).toBe(200);
  const html = await response.text();
  expect(html).toContain('<div id="root"></div>');
  expect(html).toContain("/@vite/client");
});

it("transforms main.tsx, which reads the injected page config", async () => {
  const response = await fetch(new URL("main.tsx", playground.url));
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("javascript");
  const code = await response.text();
  expect(code).toContain("Amplify.configure");
  expect(code).toContain("__PLAYGROUND_CONFIG__");
});

// In dev, Vite applies `define` to client code by setting globals in /@vite/env, which
// /@vite/client imports before any page module runs (vite:client-inject), not by rewriting modules.
it("defines the local Cognito settings and the chatbot endpoint for the page", async () => {
  const response = await fetch(new URL("/@vite/env", playground.url));
  expect(response.status).toBe(200);
  const code = await response.text();
  expect(code).toContain("us-east-1_PlaygroundTest");
  expect(code).toContain("http://127.0.0.1:19229");
  expect(code).toContain(config.cognito.clientId);
  expect(code).toContain("process.env.NEXT_PUBLIC_CHATBOT_API_ENDPOINT");
  expect(code).toContain("http://127.0.0.1:18080/chatbot");
});

// The page knows the inspector only by the endpoint injected here and its own view of the JSON.
it("injects the inspector's endpoint, which the page's own origin serves", async () => {
  const env = await (await fetch(new URL("/@vite/env", playground.url))).text();
  expect(env).toContain(`"inspectorEndpoint":"${INSPECTOR_PATH}"`);
  // Started without a recorder: the inspector's own answer for "turned off", not Vite's SPA fallback.
  const response = await fetch(new URL(INSPECTOR_PATH, playground.url));
  expect(response.status).toBe(404);
  expect(((await response.json()) as { error: { code: string } }).error.code).toBe("INSPECTOR_OFF");
  // Checked by the type checker: what the inspector serves fits what the page reads.
  expectTypeOf<ChatView>().toExtend<PageChatView>();
});

// Its inspector route is outside Vite, so it carries the twin's own guard (emulator/stack/dev-access.ts).
it("refuses the inspector to another site's page, and serves its own page on any of its names", async () => {
  const port = new URL(playground.url).port;
  const ask = (headers: Record<string, string>) =>
    new Promise<number>((resolve, reject) => {
      const req = http.request(
        new URL(INSPECTOR_PATH, playground.url),
        { method: "DELETE", headers },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      req.end();
    });
  expect(await ask({ host: `evil.example:${port}` })).toBe(403);
  expect(await ask({ origin: "https://evil.example" })).toBe(403);
  // Passed the guard: the answer is the inspector's own (turned off here).
  expect(await ask({ origin: `http://localhost:${port}` })).toBe(404);
  expect(await ask({ host: `localhost:${port}`, origin: `http://localhost:${port}` })).toBe(404);
});

it("serves the client module from frontend/src", async () => {
  const response = await fetch(new URL(`/@fs${REPO_ROOT}/frontend/src/lib/chatbotApi.ts`, playground.url));
  expect(response.status).toBe(200);
  expect(await response.text()).toContain("export async function streamChat");
});

it("refuses a busy port instead of moving to another (strictPort)", async () => {
  const port = Number(new URL(playground.url).port);
  await expect(startPlayground({ config, port, host: "127.0.0.1", cacheDir })).rejects.toThrow(/in use/i);
});
