import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { ConfigError, loadStackConfig } from "./load.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "chatbot-config-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function configFile(contents: unknown): string {
  const file = path.join(dir, `config-${files++}.json`);
  writeFileSync(file, typeof contents === "string" ? contents : JSON.stringify(contents));
  return file;
}

const load = (contents: unknown) =>
  loadStackConfig({ file: configFile(contents), env: {}, terraform: false });

// Regression: a typo in the EMULATOR_CONFIG file (`timeoutSecond`) was silently ignored.
it("an unknown key is refused with its path and the nearest valid key", async () => {
  const error = await load({ functionUrl: { timeoutSecond: 5 } }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as Error).message).toContain(
    "functionUrl.timeoutSecond: unknown key (did you mean functionUrl.timeoutSeconds?)",
  );
});

it("an unknown key with nothing close is refused without a guess", async () => {
  await expect(load({ nonsense: true })).rejects.toThrow(/\n {2}nonsense: unknown key\n?$/);
});

// Regression: a wrong type surfaced later as "Invalid URL".
it("a wrong type names the path and the expected type", async () => {
  await expect(load({ cognito: { port: "9229" } })).rejects.toThrow(
    /cognito\.port: Invalid input: expected number, received string/,
  );
});

it("every problem is listed, inside arrays too", async () => {
  const error = (await load({
    cognito: { users: [{ username: "carol", passwrd: "x" }] },
    functionUrl: { authType: "IAM" },
  }).catch((e: unknown) => e)) as Error;
  expect(error.message).toContain(
    "cognito.users.0.passwrd: unknown key (did you mean cognito.users.0.password?)",
  );
  expect(error.message).toContain(
    "cognito.users.0.password: Invalid input: expected string, received undefined",
  );
  expect(error.message).toMatch(/functionUrl\.authType: Invalid option: expected one of "AWS_IAM"\|"NONE"/);
});

it("a file that points editors at the JSON Schema with $schema loads", async () => {
  const config = await load({
    $schema: "./emulator/config/stack-config.schema.json",
    gemini: { pieceDelayMs: 7 },
  });
  expect(config.gemini.pieceDelayMs).toBe(7);
});

it("a file that is not a JSON object is refused", async () => {
  await expect(load("[1,2]")).rejects.toThrow(/must hold a JSON object/);
});

// Regression: `npm start` read no .env file while docker-compose does.
it("reads .env under the process environment, the process's variables winning", async () => {
  const dotEnv = path.join(dir, ".env");
  writeFileSync(dotEnv, "# ports for this laptop\nCLOUDFRONT_PORT=18080\nCOGNITO_PORT='19229'\n");
  process.env.COGNITO_PORT = "29229";
  try {
    const config = await loadStackConfig({ dotEnv, terraform: false });
    expect(config.cloudfront.port).toBe(18080);
    expect(config.cognito.port).toBe(29229);
  } finally {
    delete process.env.COGNITO_PORT;
  }
  const none = await loadStackConfig({ dotEnv: path.join(dir, "missing.env"), terraform: false });
  expect(none.cloudfront.port).toBe(8080);
});
