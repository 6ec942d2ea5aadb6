import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SSMClient } from "@aws-sdk/client-ssm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createApiKeyProvider } from "./ssm.js";

// A local SSM endpoint speaking the AWS JSON 1.1 protocol (X-Amz-Target: AmazonSSM.GetParameter).
const secret = `key-${Math.random().toString(36).slice(2)}`;
const calls: Array<{ target: string | undefined; body: Record<string, unknown> }> = [];
let failNext = false;
let server: Server;
let client: SSMClient;

beforeAll(async () => {
  server = createServer(async (req, res) => {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    const body = JSON.parse(raw) as { Name?: string };
    calls.push({ target: req.headers["x-amz-target"] as string | undefined, body });
    res.setHeader("content-type", "application/x-amz-json-1.1");
    if (body.Name === "/empty") {
      res.end(JSON.stringify({ Parameter: { Name: body.Name, Type: "SecureString", Version: 1 } }));
      return;
    }
    if (failNext || body.Name !== "/chatbot/gemini-api-key") {
      failNext = false;
      res.writeHead(400).end(JSON.stringify({ __type: "ParameterNotFound", message: "not found" }));
      return;
    }
    res.end(
      JSON.stringify({ Parameter: { Name: body.Name, Type: "SecureString", Value: secret, Version: 1 } }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  client = new SSMClient({
    region: "us-east-1",
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    credentials: { accessKeyId: "AKIDLOCAL", secretAccessKey: "local" },
    maxAttempts: 1,
  });
});

afterAll(async () => {
  client.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

it("reads the SecureString with decryption, once per cold start", async () => {
  calls.length = 0;
  const getKey = createApiKeyProvider({ kind: "ssm", parameterName: "/chatbot/gemini-api-key" }, client);
  expect(await getKey()).toBe(secret);
  expect(await getKey()).toBe(secret);
  expect(calls).toEqual([
    { target: "AmazonSSM.GetParameter", body: { Name: "/chatbot/gemini-api-key", WithDecryption: true } },
  ]);
});

it("retries on the next request after a failed read instead of caching the failure", async () => {
  calls.length = 0;
  failNext = true;
  const getKey = createApiKeyProvider({ kind: "ssm", parameterName: "/chatbot/gemini-api-key" }, client);
  await expect(getKey()).rejects.toThrow("not found");
  expect(await getKey()).toBe(secret);
  expect(calls).toHaveLength(2);
});

it("fails on a missing parameter or one without a value", async () => {
  await expect(createApiKeyProvider({ kind: "ssm", parameterName: "/missing" }, client)()).rejects.toThrow(
    "not found",
  );
  await expect(createApiKeyProvider({ kind: "ssm", parameterName: "/empty" }, client)()).rejects.toThrow(
    "SSM parameter /empty has no value",
  );
});

it("uses GEMINI_API_KEY as is, without SSM", async () => {
  expect(await createApiKeyProvider({ kind: "value", apiKey: "direct" })()).toBe("direct");
});
