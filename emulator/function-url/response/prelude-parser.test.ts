import { describe, expect, it } from "vitest";
import { PreludeParser } from "./prelude-parser.js";

const NULS = Buffer.alloc(8);

describe("PreludeParser (http-integration-response framing, RIC HttpResponseStream)", () => {
  it("reads status, headers and cookies (as set-cookie) and hands back the bytes after the delimiter", () => {
    const parser = new PreludeParser();
    expect(parser.push(Buffer.from('{"statusCode":404,"headers":{"X-A":"1"},"cookies":["a=1"]}')).done).toBe(
      false,
    );
    const step = parser.push(Buffer.concat([NULS, Buffer.from("rest")]));
    expect(step).toEqual({
      done: true,
      prelude: { statusCode: 404, headers: { "x-a": "1", "set-cookie": ["a=1"] } },
      rest: Buffer.from("rest"),
    });
  });

  it("defaults statusCode to 200", () => {
    const step = new PreludeParser().push(Buffer.concat([Buffer.from("{}"), NULS]));
    expect(step.done && "prelude" in step && step.prelude.statusCode).toBe(200);
  });

  it("finds a delimiter split across chunks and ignores fewer than 8 NULs", () => {
    const parser = new PreludeParser();
    expect(parser.push(Buffer.concat([Buffer.from('{"statusCode":200}'), Buffer.alloc(5)])).done).toBe(false);
    const step = parser.push(Buffer.concat([Buffer.alloc(3), Buffer.from([0x41])]));
    expect(step.done && "rest" in step && step.rest.toString()).toBe("A");
  });

  it("reports a prelude that is not JSON", () => {
    const step = new PreludeParser().push(Buffer.concat([Buffer.from("not json"), NULS]));
    expect(step.done && "error" in step).toBe(true);
  });
});
