/**
 * The emulator's own log lines while the whole stack serves a chat (README.md, "Logs"): the service name
 * appears once per line (regression: `[gemini-stub] [gemini-stub] req-1 …`, `[cognito] cognito
 * InitiateAuth ok`), `--log-format json` gives one parseable object per line, and the function's own
 * output stays marked as the function's.
 */
import { rmSync } from "node:fs";
import { afterAll, expect, it } from "vitest";
import { passwordSignIn } from "../../emulator/cognito/password-sign-in.js";
import type { LambdaLogging } from "../../emulator/config/types.js";
import type { LogFormat } from "../../emulator/stack/logger.js";
import { startStack } from "../../emulator/stack/running-stack.js";
import { SERVICE_LABEL } from "../../emulator/stack/service-startup.js";
import { bearer, viewerHeaders } from "../../emulator/stack/viewer-request.js";
import { chatBody } from "../test-support/chat-client.js";
import { testConfig } from "../test-support/test-stack.js";

const LABELS = Object.values(SERVICE_LABEL);
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

/** Signs alice in through the IdP API, sets a stub scenario, and chats through CloudFront. */
async function chatThroughStack(format: LogFormat, logging?: LambdaLogging): Promise<string[]> {
  const config = testConfig();
  if (logging) config.functionUrl.logging = logging;
  const lines: string[] = [];
  const stack = await startStack(config, {
    services: ["cognito", "gemini", "ssm", "functionUrl", "cloudfront"],
    log: (line) => lines.push(line),
    logFormat: format,
  });
  cleanups.push(async () => {
    await stack.close();
    rmSync(config.stateDir, { recursive: true, force: true });
  });
  const idToken = await passwordSignIn(
    stack.urls.cognito ?? "",
    config.cognito.clientId,
    "alice",
    "Alice-Pass-1",
  );
  await fetch(`${stack.urls.gemini}/_stub/scenario`, {
    method: "PUT",
    body: JSON.stringify({ name: "default" }),
    headers: { "content-type": "application/json" },
  });
  const body = JSON.stringify(chatBody("why is my loop slow?"));
  const res = await fetch(stack.endpoint, {
    method: "POST",
    body,
    headers: viewerHeaders(body, bearer(idToken)),
  });
  expect(res.status).toBe(200);
  expect(await res.text()).toContain("data: [DONE]");
  // The request's END line comes after the response; wait for it (bounded).
  await expect.poll(() => lines.some((l) => l.includes("END RequestId")), { timeout: 10_000 }).toBe(true);
  return lines;
}

/** A message that starts with a service's name again, bracketed or bare. */
function doubledPrefix(message: string): string | undefined {
  return LABELS.find(
    (label) => message.startsWith(`[${label}]`) || new RegExp(`^${label}[ :]`).test(message),
  );
}

it("text: every line is time, one service name, message; no service name twice", async () => {
  const lines = await chatThroughStack("text");
  const shape = /^(\d\d:\d\d:\d\d\.\d{3}) (\S+) +(.*)$/s;
  const services = new Set<string>();
  for (const line of lines) {
    const [, , service = "", message = ""] = shape.exec(line) ?? [];
    expect(LABELS, line).toContain(service);
    expect(doubledPrefix(message), line).toBeUndefined();
    services.add(service);
  }
  expect([...services].sort()).toEqual(["cloudfront", "cognito", "function-url", "gemini-stub", "ssm"]);
  expect(lines.some((l) => /^\S+ cognito +InitiateAuth ok$/.test(l))).toBe(true);
  // The function's key, read as deployed: the parameter's name and the caller, never its value.
  expect(
    lines.some((l) =>
      /^\S+ ssm +GetParameter \/chatbot\/gemini-api-key by arn:aws:sts::\d{12}:assumed-role\/\S+: ok$/.test(
        l,
      ),
    ),
  ).toBe(true);
  // The handler's own request line, inside the function's container output.
  expect(lines.some((l) => / function-url \[container #\d+\] .*"message":"request"/.test(l))).toBe(true);
  // One id ties the hops' lines: CloudFront's cf-id names the Lambda RequestId, which the handler logs.
  const cfId = /cloudfront +POST \/chatbot -> 200 .*cf-id=(\S+)/.exec(lines.join("\n"))?.[1];
  const requestId = new RegExp(` function-url +(\\S+) cf-id=${cfId?.replace(/[^\w-]/g, "\\$&")}$`, "m").exec(
    lines.join("\n"),
  )?.[1];
  expect(cfId && requestId, lines.join("\n")).toBeTruthy();
  expect(
    lines.some((l) => l.includes(`"requestId":"${requestId}"`) && l.includes('"message":"request"')),
  ).toBe(true);
}, 60_000);

it("json: every line is one object with time, service and message; the function's lines say so", async () => {
  const lines = await chatThroughStack("json");
  const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  for (const record of records) {
    expect(record).toMatchObject({
      time: expect.any(String),
      service: expect.any(String),
      message: expect.any(String),
    });
    expect(LABELS).toContain(record.service);
    expect(doubledPrefix(String(record.message)), JSON.stringify(record)).toBeUndefined();
  }
  const fromFunction = records.filter((r) => r.source === "function");
  expect(fromFunction.length).toBeGreaterThan(0);
  expect(fromFunction.every((r) => r.service === "function-url" && typeof r.container === "number")).toBe(
    true,
  );
  expect(fromFunction.some((r) => String(r.message).includes('"message":"request"'))).toBe(true);
}, 60_000);

// Lambda's application log level reaches the function (AWS_LAMBDA_LOG_LEVEL) and wins over LOG_LEVEL
// (Powertools, "AWS Lambda Advanced Logging Controls"): at ERROR the handler's INFO request line is gone.
it("the function logs at the application log level of its logging config, whatever LOG_LEVEL says", async () => {
  const lines = await chatThroughStack("json", {
    logFormat: "JSON",
    applicationLogLevel: "ERROR",
    systemLogLevel: "INFO",
  });
  const fromFunction = lines
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((r) => r.source === "function");
  expect(fromFunction.some((r) => String(r.message).includes('"message":"request"'))).toBe(false);
  expect(lines.some((l) => l.includes("END RequestId"))).toBe(true);
}, 60_000);
