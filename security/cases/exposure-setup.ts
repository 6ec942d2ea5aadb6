/**
 * What the exposure cases share: the twin's dev surfaces built in-process from the target's
 * `surfaces()` module (the repository's own, or a weakened build), listening on 127.0.0.1 port 0 and
 * reached over real HTTP; and the requests a web page could make against them.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defaultConfig } from "../../emulator/config/defaults.js";
import type { DevEndpointAccess } from "../../emulator/stack/dev-access.js";
import type { Outcome } from "../case.js";
import type { ExposureSurfaces } from "../exposure-surfaces.js";
import { type AttackResponse, send } from "../http.js";
import type { Target } from "../target.js";

type Kit = ExposureSurfaces;

/** The playground the surfaces are told about: moved off its pinned port, as a test stack moves it. */
const PLAYGROUND = { host: "127.0.0.1", port: 15173 };
export const PLAYGROUND_ORIGIN = `http://127.0.0.1:${PLAYGROUND.port}`;
/** Another site's page, as the browser names it in `Origin`. */
export const EVIL_ORIGIN = "https://evil.example";
export const JSON_TYPE = { "content-type": "application/json" };
export const MINT = JSON.stringify({ username: "alice" });
/** In the one prompt each case's stub journal holds: a leaked journal shows it. */
export const PROMPT_MARK = "prompt-of-the-user-4f1c";

export interface LiveSurfaces {
  kit: Kit;
  cognito: ReturnType<Kit["createCognitoServer"]>;
  gemini: ReturnType<Kit["createGeminiServer"]>;
  recorder: InstanceType<Kit["InspectorRecorder"]>;
  url: { idp: string; stub: string; cf: string };
  /** Port of each service, for a Host header naming it. */
  port: { idp: string; stub: string; cf: string };
}

export async function surfacesOf(target: Target): Promise<Kit> {
  const load = target.local?.surfaces;
  if (!load) throw new Error("the target has no in-process surfaces");
  return load();
}

/**
 * Cognito, the Gemini stub and CloudFront with the inspector (one chat recorded, `chat-1`), all on
 * loopback, for one case; closed after `use`, whatever happens.
 */
export async function withSurfaces<T>(
  target: Target,
  use: (live: LiveSurfaces) => Promise<T>,
  access: DevEndpointAccess = "loopback",
): Promise<T> {
  const kit = await surfacesOf(target);
  const config = defaultConfig();
  config.gemini.pieceDelayMs = 0;
  const stateDir = mkdtempSync(path.join(os.tmpdir(), "attack-exposure-"));
  const devAccess = { access, playground: () => PLAYGROUND };
  const cognito = kit.createCognitoServer({
    config: config.cognito,
    region: config.region,
    stateDir,
    devAccess,
  });
  const gemini = kit.createGeminiServer({ config: config.gemini, devAccess });
  const recorder = new kit.InspectorRecorder();
  recorder.hop("chat-1", "viewer-request", "cloudfront", { method: "POST" });
  const cf = kit.cloudFrontOptionsFrom(config);
  // The inspector is answered before any CloudFront Function or origin: neither is needed here.
  cf.config = { ...cf.config, viewerRequestFunction: undefined };
  // The inspector's routes as the stack mounts them on CloudFront (emulator/stack/service-starters.ts).
  const localRoutes = kit.inspectorRoutes(recorder, { serviceHost: cf.config.host, ...devAccess });
  const cloudfront = kit.createCloudFrontServer({ ...cf, localRoutes });
  try {
    const url = {
      idp: (await cognito.listen(0, "127.0.0.1")).url,
      stub: (await gemini.listen(0, "127.0.0.1")).url,
      cf: (await cloudfront.listen(0, "127.0.0.1")).url,
    };
    const port = { idp: new URL(url.idp).port, stub: new URL(url.stub).port, cf: new URL(url.cf).port };
    // One real model call, so the journal holds a user's prompt worth stealing.
    const model = `/v1beta/models/${config.functionUrl.environment.GEMINI_MODEL}:generateContent`;
    const prompt = JSON.stringify({ contents: [{ role: "user", parts: [{ text: PROMPT_MARK }] }] });
    const seeded = await call(
      url.stub,
      "POST",
      model,
      { ...JSON_TYPE, "x-goog-api-key": config.gemini.apiKey },
      prompt,
    );
    if (seeded.status !== 200) throw new Error(`the stub answered the seed prompt with ${seeded.status}`);
    return await use({ kit, cognito, gemini, recorder, url, port });
  } finally {
    await cloudfront.close();
    await gemini.close();
    await cognito.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

/** One raw request (any Host, Origin, body type), bounded. */
export function call(
  base: string,
  method: string,
  route: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<AttackResponse> {
  return send({ url: `${base}${route}`, method, headers, body, timeoutMs: 10_000 });
}

/** The error code in a refusal body: Cognito's and the inspector's string, Google's `status`. */
function refusalCode(res: AttackResponse): string | undefined {
  try {
    const error = (JSON.parse(res.body) as { error?: { code?: unknown; status?: unknown } }).error;
    return typeof error?.status === "string"
      ? error.status
      : typeof error?.code === "string"
        ? error.code
        : undefined;
  } catch {
    return undefined;
  }
}

/** Checks that every labelled answer is the service's 403 (`FORBIDDEN`, or Google's `PERMISSION_DENIED`). */
export function expectRefused(answers: [string, AttackResponse][], problems: string[]): void {
  for (const [label, res] of answers) {
    const code = refusalCode(res);
    if (res.status !== 403 || (code !== "FORBIDDEN" && code !== "PERMISSION_DENIED")) {
      problems.push(`${label}: ${res.status} ${code ?? res.body.slice(0, 80)}`);
    }
  }
}

export function verdict(problems: string[], ok: string): Outcome {
  return { pass: problems.length === 0, observed: problems.length === 0 ? ok : problems.join("; ") };
}
