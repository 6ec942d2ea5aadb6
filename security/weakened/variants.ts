/**
 * Deliberately weakened targets, to prove the attack suite notices a broken guard. Each variant is
 * the real handler (or the real CloudFront Function) with ONE check replaced by a source patch, built
 * into a throw-away module for the emulated Function URL. Nothing here reaches the shipped bundle:
 * `npm run build` bundles handler/src as it is, and these patches exist only in test builds.
 *
 * A patch names the exact text it replaces; if the source changed so that the text is gone, the build
 * fails loudly instead of quietly testing an unweakened handler.
 */
import { readFileSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cacheDirFor } from "../../emulator/function-url/module-build.js";
import type { ExposureSurfaces } from "../exposure-surfaces.js";
import { EXPOSURE_WEAKNESSES } from "./exposure-variants.js";
import { buildPatched } from "./patched-bundle.js";
import { SPOILER_WEAKNESSES } from "./spoiler-variants.js";
import { buildSurfaces } from "./surfaces-build.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const HANDLER_ENTRY = "handler/src/index.ts";

export interface SourcePatch {
  /** Repository-relative path of the file to patch. */
  file: string;
  find: string;
  replace: string;
}

export interface Weakness {
  name: string;
  /** What the weakened target does wrong. */
  description: string;
  handler?: SourcePatch;
  edge?: SourcePatch;
  /** A patch to a module of the exposure cases' in-process surfaces (surfaces-build.ts). */
  surface?: SourcePatch;
  /** Catalogue ids that must fail against this variant (and only these, of the ids tried). */
  mustFail: string[];
}

export const WEAKNESSES: readonly Weakness[] = [
  {
    name: "skip-token-use",
    description: "the verifier no longer checks token_use (tokenUse: null)",
    handler: { file: "handler/src/auth.ts", find: 'tokenUse: "id",', replace: "tokenUse: null," },
    // TOK-27 (no token_use at all) is still refused: without the claim the client-id check cannot pass.
    mustFail: ["TOK-26"],
  },
  {
    name: "accept-expired",
    description: "the verifier accepts tokens expired up to 30 years ago (graceSeconds)",
    handler: {
      file: "handler/src/auth.ts",
      find: "payload = await verifier.verify(token);",
      replace: "payload = await verifier.verify(token, { graceSeconds: 10 ** 9 } as never);",
    },
    mustFail: ["TOK-18"],
  },
  {
    name: "trust-forwarded-header",
    description: "the CloudFront Function keeps a viewer-supplied x-forwarded-authorization",
    edge: {
      file: "terraform/functions/forward-authorization.js",
      find: 'delete request.headers["x-forwarded-authorization"];',
      replace: "",
    },
    mustFail: ["TOK-34"],
  },
  ...SPOILER_WEAKNESSES,
  ...EXPOSURE_WEAKNESSES,
];

function patched(patch: SourcePatch): string {
  const source = readFileSync(path.join(ROOT, patch.file), "utf8");
  if (!source.includes(patch.find)) {
    throw new Error(`weakness patch no longer applies: "${patch.find}" is not in ${patch.file}`);
  }
  return source.replace(patch.find, patch.replace);
}

export interface BuiltWeakness {
  /** Set as functionUrl.sourceEntry (plain JavaScript, loaded as is). */
  handlerEntry?: string;
  /** Set as cloudfront.viewerRequestFunction.file. */
  edgeFile?: string;
  /** Set as the target's `local.surfaces`. */
  surfaces?: () => Promise<ExposureSurfaces>;
  remove(): Promise<void>;
}

/** Builds the weakened handler and/or CloudFront Function files for one weakness. */
export async function buildWeakness(weakness: Weakness): Promise<BuiltWeakness> {
  // Inside node_modules, so the bundle's bare imports resolve like the emulator's own compiled handler.
  const dir = path.join(
    cacheDirFor(path.join(ROOT, HANDLER_ENTRY)),
    `weakened-${weakness.name}-${process.pid}-${Date.now()}`,
  );
  await mkdir(dir, { recursive: true });
  const built: BuiltWeakness = { remove: () => rm(dir, { recursive: true, force: true }) };
  try {
    const handler = weakness.handler;
    if (handler) {
      built.handlerEntry = path.join(dir, "index.mjs");
      await buildPatched({
        entry: HANDLER_ENTRY,
        file: handler.file,
        contents: () => patched(handler),
        outfile: built.handlerEntry,
        bundleName: "the bundle",
      });
    }
    if (weakness.edge) {
      built.edgeFile = path.join(dir, path.basename(weakness.edge.file));
      await writeFile(built.edgeFile, patched(weakness.edge));
    }
    if (weakness.surface) {
      built.surfaces = await buildSurfaces(weakness.surface.file, patched(weakness.surface), dir);
    }
  } catch (error) {
    await built.remove();
    throw error;
  }
  return built;
}
