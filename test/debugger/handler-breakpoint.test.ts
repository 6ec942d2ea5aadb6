/**
 * Debug mode as a developer uses it: attach over the inspector protocol (what VS Code and Chrome
 * DevTools speak), set a breakpoint on a line of `handler/src/app.ts` (resolved through the compiled
 * handler's source map, as those front ends do), send a chat through CloudFront, see `Debugger.paused`
 * there, resume, and the chat completes. Under both container runtimes: `ric` (a container is a child
 * process with its own inspector) and `worker` (a container is a worker thread of this process,
 * reached through the NodeWorker domain).
 */
import { readFileSync } from "node:fs";
import inspector from "node:inspector";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { prepareDebugSession } from "../../emulator/cli/debug-session.js";
import { REPO_ROOT } from "../../emulator/config/defaults.js";
import { type RunningStack, startStack } from "../../emulator/stack/running-stack.js";
import { bearer, viewerHeaders } from "../../emulator/stack/viewer-request.js";
import { chatBody } from "../test-support/chat-client.js";
import {
  connectInspector,
  generatedPosition,
  type Inspector,
  inlineSourceMap,
  originalLocation,
  type Session,
  webSocketUrlOf,
} from "../test-support/inspector-client.js";
import { testConfig } from "../test-support/test-stack.js";

const APP = "handler/src/app.ts";
/** A line every authenticated chat runs: the body is parsed right after the token was verified. */
const BREAK_LINE =
  readFileSync(path.join(REPO_ROOT, APP), "utf8")
    .split("\n")
    .findIndex((line) => line.includes("parseChatRequest({")) + 1;
const WAIT_MS = 30_000;

let stack: RunningStack | undefined;
let client: Inspector | undefined;
afterEach(async () => {
  client?.close();
  client = undefined;
  await stack?.close();
  stack = undefined;
  inspector.close();
});

async function waitForLog(logs: string[], pattern: RegExp): Promise<RegExpExecArray> {
  const until = Date.now() + WAIT_MS;
  for (;;) {
    for (const line of logs) {
      const match = pattern.exec(line);
      if (match) return match;
    }
    if (Date.now() > until) throw new Error(`no log line like ${pattern} within ${WAIT_MS} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The session whose breakpoints reach the handler, per runtime. */
async function attach(runtime: "ric" | "worker", logs: string[]): Promise<Session> {
  if (runtime === "ric") {
    // The warm container's Node prints its inspector address on stderr, which the pool logs.
    const port = Number((await waitForLog(logs, /Debugger listening on ws:\/\/127\.0\.0\.1:(\d+)\//))[1]);
    client = await connectInspector(await webSocketUrlOf("127.0.0.1", port));
    return client;
  }
  const url = new URL(inspector.url() ?? "");
  expect(url.hostname).toBe("127.0.0.1");
  client = await connectInspector(await webSocketUrlOf("127.0.0.1", Number(url.port)));
  return client.attachToWorker((entry) => entry.includes("/.cache/function-url/worker-runtime-"), WAIT_MS);
}

/** Debugger.scriptParsed of the compiled handler (already parsed, or parsed later by the Init phase). */
async function handlerScript(
  session: Session,
): Promise<{ scriptId: string; url: string; sourceMapURL: string; endLine: number }> {
  const isHandler = (p: Record<string, unknown>) =>
    /\/\.cache\/function-url\/index-[0-9a-f]{16}\.mjs$/.test(String(p.url));
  const later = session.next("Debugger.scriptParsed", WAIT_MS, isHandler);
  await session.send("Debugger.enable");
  const seen = session.events.find((e) => e.method === "Debugger.scriptParsed" && isHandler(e.params));
  later.catch(() => {});
  return (seen?.params ?? (await later)) as {
    scriptId: string;
    url: string;
    sourceMapURL: string;
    endLine: number;
  };
}

describe.each(["ric", "worker"] as const)("npm run start:debug (%s runtime)", (runtime) => {
  it(`stops at a breakpoint in ${APP}, then the chat completes`, async () => {
    expect(BREAK_LINE).toBeGreaterThan(0);
    // A 1 s function timeout, held at the breakpoint for 2 s: debug mode must not kill the container.
    const config = testConfig({ functionUrl: { containerRuntime: runtime, timeoutSeconds: 1 } });
    // Port 0: the OS picks (tests never take a fixed port); the command's default is 9339.
    const session = prepareDebugSession(config, 0);
    const logs: string[] = [];
    stack = await startStack(config, {
      services: ["cognito", "gemini", "ssm", "functionUrl", "cloudfront"],
      log: (line) => logs.push(line),
      functionUrl: { debug: session.debug },
    });
    const debuggee = await attach(runtime, logs);
    const script = await handlerScript(debuggee);
    const map = inlineSourceMap(script.sourceMapURL);
    // Chrome DevTools shows a source only from the map's sourcesContent (VS Code also reads the disk).
    const sources = map.payload.sources.map((s, i) => [s, map.payload.sourcesContent?.[i]] as const);
    expect(sources.find(([s]) => s.endsWith(APP))?.[1]).toContain("parseChatRequest({");
    const at = generatedPosition(map, APP, BREAK_LINE, script.endLine + 1);
    const set = await debuggee.send("Debugger.setBreakpointByUrl", { url: script.url, ...at });
    expect(set.locations).toHaveLength(1);

    const idToken = (await stack.cognito?.mintTokens("alice"))?.idToken;
    const body = JSON.stringify(chatBody("why is my loop slow?"));
    let settled = false;
    const chat = fetch(stack.endpoint, {
      method: "POST",
      headers: viewerHeaders(body, bearer(idToken)),
      body,
    }).then(async (res) => ({ status: res.status, text: await res.text() }));
    void chat.finally(() => {
      settled = true;
    });

    const paused = (await debuggee.next("Debugger.paused", WAIT_MS)) as {
      callFrames: {
        callFrameId: string;
        location: { scriptId: string; lineNumber: number; columnNumber: number };
      }[];
    };
    const top = paused.callFrames[0];
    expect(top?.location.scriptId).toBe(script.scriptId);
    expect(originalLocation(map, top?.location.lineNumber ?? -1, top?.location.columnNumber ?? -1)).toMatch(
      new RegExp(`${APP.replace(/[./]/g, "\\$&")}:${BREAK_LINE}$`),
    );
    // The handler's own variables are there to inspect: the token was verified, so `sub` is set.
    const sub = await debuggee.send("Debugger.evaluateOnCallFrame", {
      callFrameId: top?.callFrameId,
      expression: "typeof sub",
    });
    expect((sub.result as { value: string }).value).toBe("string");
    await new Promise((r) => setTimeout(r, 2_000));
    expect(settled).toBe(false);

    await debuggee.send("Debugger.resume");
    const answer = await chat;
    expect(answer.status).toBe(200);
    expect(answer.text).toContain("data: [DONE]");
  }, 90_000);
});
