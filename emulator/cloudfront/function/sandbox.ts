/**
 * The globals a `cloudfront-js-2.0` function sees: the ECMAScript built-ins, `console`, `require` of the
 * runtime's built-in modules, and a clock frozen for the run. Everything else a Node program has
 * (process, timers, fetch, fs, sockets) is absent, so using it fails as the runtime's restrictions say.
 * Sources: CloudFront developer guide, functions-javascript-runtime-20 ("Built-in modules",
 * "Restricted features") and edge-functions-restrictions ("Runtime"); the texts quoted here are from
 * the guide's published source,
 * awsdocs/amazon-cloudfront-developer-guide@5999c0d functions-javascript-runtime-features.md
 * ("Restricted features": dynamic code evaluation, timers, date and timestamps, file system access,
 * network access).
 */
import { createHash, createHmac } from "node:crypto";
import querystring from "node:querystring";
import vm from "node:vm";
import { SUPPORTED_MODULES } from "./restrictions.js";

// The crypto module: createHash / createHmac with md5, sha1 or sha256, `update`, and `digest` with
// encoding hex, base64 or base64url, a Buffer without one in runtime 2.0 (built-in modules, crypto;
// runtime-features page, "JavaScript runtime 2.0 ... hash.digest() returns Buffer").
const HASHES = new Set(["md5", "sha1", "sha256"]);
const DIGEST_ENCODINGS = new Set(["hex", "base64", "base64url"]);
function checkAlgorithm(algorithm: unknown): string {
  if (typeof algorithm !== "string" || !HASHES.has(algorithm)) {
    throw new Error(`Digest method not supported: ${String(algorithm)}`);
  }
  return algorithm;
}
function digester(inner: { update(data: string | Buffer): unknown; digest(): Buffer }) {
  const wrapper = {
    update(data: string | Buffer) {
      inner.update(data);
      return wrapper;
    },
    digest(encoding?: unknown) {
      const bytes = inner.digest();
      if (encoding === undefined) return bytes;
      if (typeof encoding !== "string" || !DIGEST_ENCODINGS.has(encoding)) {
        throw new Error(`Digest encoding not supported: ${String(encoding)}`);
      }
      return bytes.toString(encoding as BufferEncoding);
    },
  };
  return wrapper;
}
const cryptoModule = Object.freeze({
  createHash: (algorithm: unknown) => digester(createHash(checkAlgorithm(algorithm))),
  createHmac: (algorithm: unknown, key: string | Buffer) =>
    digester(createHmac(checkAlgorithm(algorithm), key)),
});
const MODULES: Record<string, unknown> = {
  crypto: cryptoModule,
  querystring: Object.freeze({ ...querystring }),
  buffer: Object.freeze({ Buffer }),
};

function sandboxRequire(name: unknown): unknown {
  const module = typeof name === "string" ? MODULES[name] : undefined;
  if (module) return module;
  // Static literal requires were refused at start (function-restrictions); this catches computed names.
  throw new Error(
    `Cannot find module "${String(name)}"; available: ${[...SUPPORTED_MODULES].filter((m) => m !== "cloudfront").join(", ")}`,
  );
}

/**
 * "All Date methods to query the current time always return the same value during the lifetime of a
 * single function run" (Restricted features, "Date and timestamps"): `Date` is replaced, inside the
 * sandbox, by one that answers the run's start time.
 */
const FROZEN_DATE_SOURCE = new vm.Script(`(function () {
  var RealDate = Date;
  function start() { return __cf_start; }
  function FrozenDate() {
    if (!new.target) return new RealDate(start()).toString();
    if (arguments.length === 0) return new RealDate(start());
    return new (Function.prototype.bind.apply(RealDate, [null].concat(Array.prototype.slice.call(arguments))))();
  }
  FrozenDate.prototype = RealDate.prototype;
  FrozenDate.now = function () { return start(); };
  FrozenDate.UTC = RealDate.UTC;
  FrozenDate.parse = RealDate.parse;
  globalThis.Date = FrozenDate;
})();`);

/**
 * A fresh context for one invocation; set `__cf_start` (ms) when the run starts. No dynamic code
 * evaluation (`eval`, `new Function`) and no WebAssembly: "The CloudFront Functions runtime
 * environment does not support dynamic code evaluation".
 */
export function createSandbox(log: (line: string) => void): vm.Context {
  const context = vm.createContext(
    {
      console: { log: (...args: unknown[]) => log(args.map(String).join(" ")) },
      require: sandboxRequire,
      __cf_start: 0,
    },
    { codeGeneration: { strings: false, wasm: false }, microtaskMode: "afterEvaluate" },
  );
  FROZEN_DATE_SOURCE.runInContext(context);
  return context;
}
