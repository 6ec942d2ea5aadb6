/**
 * The offline stack from docker-compose.yml, one container per service, on host networking
 * (docker-compose.host.yml): brought up with testcontainers, smoke-tested, torn down.
 *
 * Needs a Docker engine and docker-compose 1.29 (scripts/docker/engine.sh). Without an engine the
 * suite is skipped with the reason printed, except under a truthy CI (test/test-support/ci.ts), where that is a failure.
 * Ports: free ones picked at run time and passed through the compose *_PORT variables, so the
 * test never collides with a running `npm start`; COMPOSE_TEST_PINNED_PORTS=1 uses the pinned ones.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { DockerComposeEnvironment, type StartedDockerComposeEnvironment, Wait } from "testcontainers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpStates, httpTokens } from "../../contracts/provider/http-provider.js";
import { runVerifier } from "../../contracts/provider/run-verifier.js";
import { startVerificationProxy } from "../../contracts/provider/verification-proxy.js";
import { HTTP_PACT, pactFile } from "../../contracts/test-support/pact-setup.js";
import { PORT_ENV, REPO_ROOT } from "../../emulator/config/defaults.js";
import { bearer, viewerHeaders } from "../../emulator/stack/viewer-request.js";
import { canRun } from "../test-support/ci.js";
import { findDockerEngine } from "../test-support/docker-engine.js";
import { freePort, isFree } from "../test-support/free-port.js";

const run = promisify(execFile);
const STACK_IMAGE = process.env.STACK_IMAGE ?? "chatbot-tutor/stack:local";
const PINNED = {
  cognito: 9229,
  gemini: 8089,
  ssm: 9010,
  functionUrl: 9001,
  cloudfront: 8080,
  playground: 5173,
};
type Part = keyof typeof PINNED;

const engine = await findDockerEngine();
if (canRun("[containers] the compose test", engine.ok ? undefined : engine.reason) && engine.ok) {
  // testcontainers reads these when first used (docs/platform-facts.md#docker-on-the-build-machines): no Ryuk
  // (it would need a pull) and host networking, so every service is on 127.0.0.1.
  process.env.DOCKER_HOST = engine.dockerHost;
  process.env.TESTCONTAINERS_HOST_OVERRIDE ??= "127.0.0.1";
  process.env.TESTCONTAINERS_RYUK_DISABLED ??= "true";
}

async function choosePorts(): Promise<Record<Part, number>> {
  const parts = Object.keys(PINNED) as Part[];
  const ports = {} as Record<Part, number>;
  for (const part of parts) {
    ports[part] = process.env.COMPOSE_TEST_PINNED_PORTS === "1" ? PINNED[part] : await freePort();
  }
  const busy: string[] = [];
  for (const part of parts) {
    if (!(await isFree(ports[part]))) busy.push(`${ports[part]} (${part}, ${PORT_ENV[part]})`);
  }
  if (busy.length > 0) {
    throw new Error(
      `the compose stack needs these host ports, which are in use: ${busy.join(", ")}. ` +
        "Stop what holds them (e.g. `npm start`) or unset COMPOSE_TEST_PINNED_PORTS.",
    );
  }
  return ports;
}

async function ensureImage(): Promise<void> {
  try {
    await run("docker", ["image", "inspect", STACK_IMAGE], { timeout: 30_000 });
  } catch {
    // Not built yet (CI builds it before the tests): build it the fast way, without pulling.
    await run("scripts/docker/build-image.sh", [], { cwd: REPO_ROOT, timeout: 600_000 });
  }
}

/** The provider verification needs the pact the consumer tests write; write it if this run has none. */
async function ensurePact(): Promise<void> {
  if (existsSync(pactFile(HTTP_PACT))) return;
  await run(
    process.execPath,
    [
      path.join(REPO_ROOT, "node_modules/vitest/vitest.mjs"),
      "run",
      "--config",
      "contracts/vitest.config.ts",
      "contracts/consumer",
    ],
    { cwd: REPO_ROOT, timeout: 180_000 },
  );
}

const CHAT_BODY = JSON.stringify({
  problemDetails: {
    title: "Two Sum",
    description: "Return the indices of the two numbers that add up to target.",
  },
  userCode: "",
  history: [],
  query: "hint?",
});

describe.skipIf(!engine.ok)("the stack in containers (docker-compose.yml + docker-compose.host.yml)", () => {
  let stack: StartedDockerComposeEnvironment | undefined;
  let ports: Record<Part, number>;
  let endpoint = "";
  let pactWritten: Promise<void> = Promise.resolve();

  beforeAll(async () => {
    ports = await choosePorts();
    // The consumer pass (when this run has no pact yet) runs while the engine creates the containers,
    // which is mostly copying under vfs; the verification below awaits it.
    pactWritten = ensurePact();
    pactWritten.catch(() => {});
    await ensureImage();
    endpoint = `http://127.0.0.1:${ports.cloudfront}/chatbot`;
    stack = await new DockerComposeEnvironment(REPO_ROOT, ["docker-compose.yml", "docker-compose.host.yml"])
      // Debian's standalone docker-compose 1.29; `docker compose` (v2) is absent here.
      .withClientOptions({ executable: { standalone: true, executablePath: "docker-compose" } })
      .withEnvironment({
        // Creating a container copies the whole image under the vfs storage driver: on a busy
        // 2-core machine that outlasts docker-compose's default 60 s HTTP timeout.
        COMPOSE_HTTP_TIMEOUT: "600",
        STACK_IMAGE,
        COGNITO_PORT: String(ports.cognito),
        GEMINI_STUB_PORT: String(ports.gemini),
        SSM_PORT: String(ports.ssm),
        FUNCTION_URL_PORT: String(ports.functionUrl),
        CLOUDFRONT_PORT: String(ports.cloudfront),
        PLAYGROUND_PORT: String(ports.playground),
      })
      // Host networking publishes no ports, so wait on the compose healthchecks instead.
      .withDefaultWaitStrategy(Wait.forHealthCheck())
      .withStartupTimeout(180_000)
      .up();
  }, 900_000);

  afterAll(async () => {
    await stack?.down({ timeout: 5_000, removeVolumes: true });
  }, 120_000);

  it("every service answers GET /__emulator/health on its port", async () => {
    const names: Record<Part, string> = {
      cognito: "cognito",
      gemini: "gemini",
      ssm: "ssm",
      functionUrl: "function-url",
      cloudfront: "cloudfront",
      playground: "playground",
    };
    for (const part of Object.keys(PINNED) as Part[]) {
      const res = await fetch(`http://127.0.0.1:${ports[part]}/__emulator/health`);
      expect(res.status, part).toBe(200);
      expect(await res.json()).toEqual({ status: "ok", service: names[part] });
    }
  });

  it("streams a hint through CloudFront -> Function URL -> handler for a Cognito ID token", async () => {
    const minted = await fetch(`http://127.0.0.1:${ports.cognito}/_dev/tokens`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "alice" }),
    });
    expect(minted.status).toBe(200);
    const { idToken } = (await minted.json()) as { idToken: string };
    const res = await fetch(endpoint, {
      method: "POST",
      headers: viewerHeaders(CHAT_BODY, bearer(idToken)),
      body: CHAT_BODY,
      signal: AbortSignal.timeout(30_000),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const text = await res.text();
    expect(text).toMatch(/^data: \{"chunk":/m);
    expect(text.endsWith("data: [DONE]\n\n")).toBe(true);
  });

  it("runs the function on the runtime's own Node inside the image, and reads its key through the ssm container", async () => {
    const { stdout: names } = await run("docker", ["ps", "--format", "{{.Names}}"], { timeout: 30_000 });
    const logsOf = async (service: string) => {
      const name = names.split("\n").find((n) => new RegExp(`[_-]${service}[_-]\\d+$`).test(n));
      if (!name) throw new Error(`no running container for ${service} in:\n${names}`);
      const { stdout, stderr } = await run("docker", ["logs", name], { timeout: 30_000 });
      return stdout + stderr;
    };
    expect(await logsOf("function-url")).toMatch(
      /Lambda runtime ric \(AWS's aws-lambda-ric.*function: Node v24\.\d+\.\d+ \(node-linux-[a-z0-9]+\), aws-lambda-ric 4\./,
    );
    // The chat above read the key as deployed: one GetParameter by the role session, answered.
    expect(await logsOf("ssm")).toMatch(
      /GetParameter \/chatbot\/gemini-api-key by arn:aws:sts::\d{12}:assumed-role\/[^ ]+: ok/,
    );
  });

  it("answers 401 TOKEN_MISSING without a token (design: errors before the stream)", async () => {
    const res = await fetch(endpoint, {
      method: "POST",
      headers: viewerHeaders(CHAT_BODY),
      body: CHAT_BODY,
    });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
    const body = (await res.json()) as { error: { code: string } };
    expect(body.error.code).toBe("TOKEN_MISSING");
  });

  it("passes the Pact provider verification through the containerised edge (contracts/)", async () => {
    await pactWritten;
    const proxy = await startVerificationProxy({
      target: `http://127.0.0.1:${ports.cloudfront}`,
      states: httpStates(`http://127.0.0.1:${ports.gemini}`),
      tokens: httpTokens(`http://127.0.0.1:${ports.cognito}`),
    });
    try {
      await runVerifier({ provider: HTTP_PACT.provider, proxy, pactFiles: [pactFile(HTTP_PACT)] });
      expect(proxy.stateErrors).toEqual([]);
      expect(proxy.journal.length).toBeGreaterThan(0);
    } finally {
      await proxy.close();
    }
  }, 180_000);

  it("holds against a short attack smoke (npm run attack --only TOK,EDGE --quick)", async () => {
    const stateDir = await mkdtemp(path.join(os.tmpdir(), "compose-attack-"));
    const report = path.join(stateDir, "report.json");
    try {
      await run(
        process.execPath,
        ["--import", "tsx", "security/cli.ts", "--only", "TOK,EDGE", "--quick", "--json", report],
        {
          cwd: REPO_ROOT,
          timeout: 240_000,
          env: {
            ...process.env,
            COGNITO_PORT: String(ports.cognito),
            GEMINI_STUB_PORT: String(ports.gemini),
            SSM_PORT: String(ports.ssm),
            FUNCTION_URL_PORT: String(ports.functionUrl),
            CLOUDFRONT_PORT: String(ports.cloudfront),
            PLAYGROUND_PORT: String(ports.playground),
            // The containers' signing keys are theirs: no host key file to forge with.
            EMULATOR_STATE_DIR: stateDir,
          },
        },
      );
      const results = JSON.parse(await readFile(report, "utf8")) as { summary: Record<string, number> };
      expect(results.summary.failed).toBe(0);
      expect(results.summary.passed).toBeGreaterThanOrEqual(20);
    } finally {
      await rm(stateDir, { recursive: true, force: true });
    }
  }, 300_000);
});

describe("docker-compose config validates the compose files", () => {
  const hasCompose = async () =>
    run("docker-compose", ["version", "--short"], { timeout: 30_000 }).then(
      () => true,
      () => false,
    );

  it.each([
    [["docker-compose.yml"]],
    [["docker-compose.yml", "docker-compose.host.yml"]],
    [["docker-compose.yml", "docker-compose.override.yml"]],
  ])("%j", async (files) => {
    if (!(await hasCompose())) {
      canRun(
        "[containers] compose config validation",
        "docker-compose is not installed (.ci/run installs it)",
      );
      return;
    }
    const args = files.flatMap((f) => ["-f", f]);
    const { stdout } = await run("docker-compose", [...args, "config"], { cwd: REPO_ROOT, timeout: 60_000 });
    for (const service of ["cognito", "gemini", "ssm", "function-url", "cloudfront", "playground"]) {
      expect(stdout).toContain(`  ${service}:`);
    }
  });
});
