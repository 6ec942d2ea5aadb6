#!/usr/bin/env node
/**
 * Builds the Lambda: esbuild bundles handler/src/index.ts and every dependency (the AWS SDK too, so
 * the zip does not depend on the runtime's SDK version) into ONE ESM file, then zips it as
 * `index.mjs` for Terraform (handler setting `index.handler`). The build targets the Node major of
 * the runtime terraform/lambda.tf declares (`nodejs24.x` -> `node24`), so the two cannot drift apart.
 *
 *   node scripts/build-handler.mjs                 -> dist/handler/index.mjs, dist/chatbot-query.zip
 *   node scripts/build-handler.mjs --outdir DIR    -> DIR/handler/index.mjs, DIR/chatbot-query.zip
 *
 * The zip writer is a few lines of node:zlib (no dependency) and uses a fixed timestamp, so the same
 * bundle always gives the same zip bytes (a stable source_code_hash for Terraform).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { deflateRawSync } from "node:zlib";
import { build } from "esbuild";
import { buildTarget } from "./build-target.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outIndex = process.argv.indexOf("--outdir");
const outDir = outIndex > 0 ? path.resolve(process.argv[outIndex + 1] ?? "") : path.join(root, "dist");
const bundlePath = path.join(outDir, "handler", "index.mjs");
const zipPath = path.join(outDir, "chatbot-query.zip");
const target = buildTarget(readFileSync(path.join(root, "terraform/lambda.tf"), "utf8"));

// Not the settings of the emulator's source bundles (emulator/common/source-bundle.ts) on purpose: this
// bundle ships, so every package is inlined rather than left as an import, and it targets the Lambda
// runtime instead of the local Node. This script also runs with bare Node, which cannot load that module.
await build({
  entryPoints: [path.join(root, "handler/src/index.ts")],
  outfile: bundlePath,
  bundle: true,
  format: "esm",
  platform: "node",
  target,
  // CommonJS dependencies (parts of the AWS SDK and its helpers) call require() for Node built-ins;
  // an ESM bundle has no `require`, so one is made from import.meta.url.
  banner: {
    js: 'import { createRequire as __chatbotCreateRequire } from "node:module"; const require = __chatbotCreateRequire(import.meta.url);',
  },
  // Node-flavoured entry points of dual packages (e.g. @google/genai's node build).
  conditions: ["node"],
  mainFields: ["module", "main"],
  legalComments: "none",
  logLevel: "warning",
});

const bundle = readFileSync(bundlePath);
mkdirSync(path.dirname(zipPath), { recursive: true });
writeFileSync(zipPath, zip([{ name: "index.mjs", data: bundle }]));
console.log(
  `built ${path.relative(root, bundlePath)} (${bundle.length} bytes, target ${target}) and ${path.relative(root, zipPath)}`,
);

/** A minimal ZIP (PKWARE APPNOTE 6.3): deflated entries, Unix mode 0644, fixed 1980-01-01 timestamp. */
function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, "utf8");
    const compressed = deflateRawSync(data, { level: 9 });
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0, 10); // time 00:00:00
    local.writeUInt16LE(0x21, 12); // date 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, 2.0
    local.copy(central, 6, 4, 30); // version needed .. name length
    central.writeUInt16LE(0, 30); // extra
    central.writeUInt16LE(0, 32); // comment
    central.writeUInt16LE(0, 34); // disk
    central.writeUInt16LE(0, 36); // internal attributes
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38); // regular file, rw-r--r--
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, compressed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function crc32(data) {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}
