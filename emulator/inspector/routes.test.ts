import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { InspectorRecorder } from "./recorder.js";
import { serveInspector } from "./routes.js";

let server: http.Server | undefined;

async function serve(recorder: InspectorRecorder | undefined): Promise<string> {
  server = http.createServer((req, res) =>
    serveInspector(req, res, (req.url ?? "/").split("?")[0] ?? "/", recorder),
  );
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

describe("inspector routes", () => {
  it("lists chats, answers one by id, 404s an unknown id, 405s other methods and clears on DELETE", async () => {
    const recorder = new InspectorRecorder();
    recorder.hop("id/1", "viewer-request", "cloudfront");
    const base = await serve(recorder);
    const list = (await (await fetch(`${base}/__emulator/requests`)).json()) as { chats: { id: string }[] };
    expect(list.chats.map((c) => c.id)).toEqual(["id/1"]);
    expect((await fetch(`${base}/__emulator/requests/${encodeURIComponent("id/1")}`)).status).toBe(200);
    expect((await fetch(`${base}/__emulator/requests/nope`)).status).toBe(404);
    expect((await fetch(`${base}/__emulator/requests/%E0%A4%A`)).status).toBe(400);
    const post = await fetch(`${base}/__emulator/requests`, { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD, DELETE");
    expect((await fetch(`${base}/__emulator/requests`, { method: "DELETE" })).status).toBe(204);
    expect(recorder.list()).toEqual([]);
  });

  it("says the inspector is off when there is no recorder", async () => {
    const res = await fetch(`${await serve(undefined)}/__emulator/requests`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "INSPECTOR_OFF" } });
  });
});
