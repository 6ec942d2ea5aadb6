/**
 * A Function URL decompresses a streamed body whose prelude names a `Content-Encoding`, and strips the
 * header: the client gets the plain bytes (aws/aws-lambda-nodejs-runtime-interface-client#96,
 * reported 2024-02-02 and open when read on 2026-12-07: a gzip body sent with `content-encoding: gzip`
 * reached the client uncompressed, without the header).
 *
 * Assumption: `deflate` and `br` are decoded as `gzip` is (only gzip was observed); any other value,
 * or a list of codings, passes through untouched with its header. A body that does not decode ends the
 * response cut, as any error after the first byte does.
 *
 * @example
 * const stage = decodingStage("gzip", (plain) => deliver(plain), (err) => cut(err));
 * stage?.push(gzipped);
 * stage?.end(() => finish());
 */
import zlib from "node:zlib";

/** Where the body's bytes go after the prelude: straight on, or through a decoder first. */
export interface BodyStage {
  push(chunk: Buffer): void;
  /** No more bytes: `done` runs once everything pushed has come out. */
  end(done: () => void): void;
}

/** The body passed on as it is. */
export function passThrough(write: (chunk: Buffer) => void): BodyStage {
  return {
    push: write,
    end: (done) => done(),
  };
}

function decoderFor(coding: string): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | undefined {
  // Each input chunk is flushed through, so the body keeps arriving piece by piece.
  if (coding === "gzip" || coding === "x-gzip")
    return zlib.createGunzip({ flush: zlib.constants.Z_SYNC_FLUSH });
  if (coding === "deflate") return zlib.createInflate({ flush: zlib.constants.Z_SYNC_FLUSH });
  if (coding === "br") return zlib.createBrotliDecompress({ flush: zlib.constants.BROTLI_OPERATION_FLUSH });
  return undefined;
}

/** The single coding a `content-encoding` header names, lower case; undefined for none or a list. */
export function singleCoding(value: string | string[] | undefined): string | undefined {
  if (value === undefined || Array.isArray(value)) return undefined;
  const coding = value.trim().toLowerCase();
  return coding === "" || coding.includes(",") ? undefined : coding;
}

/** A stage that decodes `coding`, or undefined when the coding is not one a Function URL decodes. */
export function decodingStage(
  coding: string | undefined,
  write: (chunk: Buffer) => void,
  fail: (error: Error) => void,
): BodyStage | undefined {
  const decoder = coding === undefined ? undefined : decoderFor(coding);
  if (!decoder) return undefined;
  let failed = false;
  decoder.on("data", (plain: Buffer) => write(plain));
  decoder.on("error", (error) => {
    failed = true;
    fail(error);
  });
  return {
    push: (chunk) => {
      if (!failed) decoder.write(chunk);
    },
    end: (done) => {
      if (failed) return;
      decoder.once("end", done);
      decoder.end();
    },
  };
}
