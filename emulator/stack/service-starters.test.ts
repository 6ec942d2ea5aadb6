import net from "node:net";
import { expect, it } from "vitest";
import { defaultConfig } from "../config/defaults.js";
import { SERVICE_STARTERS, type ServiceHandles } from "./service-starters.js";
import { PortInUseError } from "./service-startup.js";

it("a port taken after the stack's check is the same PortInUseError, naming the variable", async () => {
  const busy = net.createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => busy.once("listening", resolve));
  const { port } = busy.address() as net.AddressInfo;
  const config = defaultConfig();
  config.gemini.port = port;
  const handles: ServiceHandles = {};
  try {
    const started = SERVICE_STARTERS.gemini({ config, log: () => {}, handles });
    await expect(started).rejects.toBeInstanceOf(PortInUseError);
    await expect(started).rejects.toThrow(
      `gemini-stub cannot listen on 127.0.0.1:${port}: the port is in use`,
    );
    expect(handles.gemini).toBeDefined();
  } finally {
    await handles.gemini?.close();
    busy.close();
  }
});

it("a started service answers at the URL it reports and is left in the handles", async () => {
  const config = defaultConfig();
  config.gemini.port = 0;
  const handles: ServiceHandles = {};
  const started = await SERVICE_STARTERS.gemini({ config, log: () => {}, handles });
  try {
    const res = await fetch(`${started.url}/__emulator/health`);
    expect(await res.json()).toEqual({ status: "ok", service: "gemini" });
    expect(handles.gemini?.journal).toBeDefined();
  } finally {
    await started.close();
  }
});
