/**
 * `httpService` answers the health check and contains every fault of the listener it wraps: a plain
 * handler's exception or rejection, and an Express route's, answered in the service's own form.
 */
import http from "node:http";
import express from "express";
import { afterEach, expect, it } from "vitest";
import {
  type ErrorAnswer,
  HEALTH_PATH,
  type HttpService,
  httpService,
  type ServiceListener,
} from "./http-service.js";

const FORM: ErrorAnswer = {
  status: 503,
  headers: { "content-type": "application/x-test", "x-form": "own" },
  body: '{"fault":"ours"}',
};

const running: HttpService[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((service) => service.close()));
});

async function serve(listener: ServiceListener, logs: string[] = []): Promise<string> {
  const service = httpService(listener, {
    name: "test-service",
    internalError: () => FORM,
    log: (line) => logs.push(line),
    defaults: { port: 0, host: "127.0.0.1" },
  });
  running.push(service);
  return (await service.listen(0, "127.0.0.1")).url;
}

class SecretFault extends Error {
  constructor() {
    super("secret detail 42");
  }
}

it("answers GET and HEAD /__emulator/health with the service's name, whatever the listener does", async () => {
  const url = await serve(() => {
    throw new Error("the listener is never reached");
  });
  const res = await fetch(`${url}${HEALTH_PATH}?probe=1`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
  expect(await res.json()).toEqual({ status: "ok", service: "test-service" });
  expect((await fetch(`${url}${HEALTH_PATH}`, { method: "HEAD" })).status).toBe(200);
});

it("leaves other methods on the health path to the service", async () => {
  const url = await serve((_req, res) => {
    res.writeHead(405).end();
  });
  expect((await fetch(`${url}${HEALTH_PATH}`, { method: "POST", body: "{}" })).status).toBe(405);
});

it.each([
  [
    "a thrown exception",
    () => {
      throw new SecretFault();
    },
  ],
  ["a rejected promise", async () => Promise.reject(new SecretFault())],
])("answers %s in the service's form, without its text, and logs its stack", async (_what, listener) => {
  const logs: string[] = [];
  const url = await serve(listener, logs);
  const res = await fetch(`${url}/anything`);
  expect(res.status).toBe(503);
  expect(res.headers.get("x-form")).toBe("own");
  expect(res.headers.get("content-type")).toBe("application/x-test");
  const body = await res.text();
  expect(body).toBe('{"fault":"ours"}');
  expect(body).not.toContain("secret");
  expect(logs).toHaveLength(1);
  expect(logs[0]).toMatch(/^internal error: Error: secret detail 42\n\s+at /);
  // The server still answers.
  expect((await fetch(`${url}${HEALTH_PATH}`)).status).toBe(200);
});

it("contains an Express route's fault, sync or async, in the service's form", async () => {
  const logs: string[] = [];
  const app = express();
  app.get("/sync", () => {
    throw new SecretFault();
  });
  app.get("/async", async () => {
    await Promise.resolve();
    throw new SecretFault();
  });
  const url = await serve(app, logs);
  for (const path of ["/sync", "/async"]) {
    const res = await fetch(`${url}${path}`);
    expect(res.status).toBe(503);
    expect(await res.text()).toBe('{"fault":"ours"}');
  }
  expect(logs.every((line) => line.includes("secret detail 42") && line.includes(" at "))).toBe(true);
  expect(logs).toHaveLength(2);
});

it("cuts an answer already started: its status cannot change", async () => {
  const logs: string[] = [];
  const url = await serve(async (_req, res) => {
    res.writeHead(200, { "content-type": "text/plain" });
    res.write("first part");
    await new Promise((resolve) => setTimeout(resolve, 20));
    throw new SecretFault();
  }, logs);
  const outcome = await new Promise<string>((resolve) => {
    http
      .get(`${url}/stream`, (res) => {
        res.on("data", () => {});
        res.on("end", () => resolve("ended"));
        res.on("error", () => resolve(`cut after ${res.statusCode}`));
      })
      .on("error", () => resolve("refused"));
  });
  expect(outcome).toBe("cut after 200");
  expect(logs).toHaveLength(1);
});
