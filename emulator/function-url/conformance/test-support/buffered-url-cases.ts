/**
 * The conformance cases behind a BUFFERED Function URL: the payload read as the response payload format
 * 2.0, its 6 MB limit and the errors, under both runtimes (what the service decides:
 * ../../buffered-response.ts, ../../response/payload-format.ts, each rule with its source).
 */
import { FAILED, type Fixture, LARGE_PAYLOAD_TIMEOUT_SECONDS } from "./fixture.js";

const OK = { status: 200, complete: true, timing: "immediate" } as const;

const buffered = (name: string, module: string, paths: string[], expected: Fixture["expected"]): Fixture => ({
  name: `BUFFERED URL: ${name}`,
  module,
  paths,
  expected,
  invokeMode: "BUFFERED",
});

export function bufferedUrlCases(): Fixture[] {
  return [
    buffered(
      "a response object is interpreted: status, body (Lambda guide, urls-invocation)",
      "buffered.mjs",
      ["/object"],
      [{ ...OK, status: 201, bodyText: "not interpreted", headers: expectHeaders() }],
    ),
    buffered(
      "undefined is null, a string is sent without its quotes (recorded against AWS)",
      "buffered.mjs",
      ["/undefined", "/string"],
      [
        { ...OK, bodyText: "null" },
        { ...OK, bodyText: "just a string" },
      ],
    ),
    buffered("a throw is a 502", "buffered.mjs", ["/throw"], [FAILED]),
    {
      ...buffered(
        "a payload over 6 MB is a 502 (Function.ResponseSizeTooLarge; RIE MaxPayloadSize)",
        "buffered.mjs",
        ["/big"],
        [FAILED],
      ),
      timeoutSeconds: LARGE_PAYLOAD_TIMEOUT_SECONDS,
    },
    buffered(
      "a timeout is a 502 after the function timeout",
      "buffered.mjs",
      ["/timeout"],
      [{ ...FAILED, timing: "timeout" }],
    ),
    buffered(
      "a streamified handler's bytes are the payload: not JSON, 200 with no content (assumption)",
      "streaming.mjs",
      ["/prelude-full"],
      [{ ...OK, bodyText: "" }],
    ),
  ];
}

/** The headers a buffered answer of `/object` carries (its own, then the URL's). */
function expectHeaders(): Record<string, string | string[]> {
  return {
    "content-type": "text/plain",
    "x-custom": "ignored",
    "set-cookie": ["c=3"],
    "content-length": String("not interpreted".length),
    "x-amzn-requestid": "<present>",
    "x-amzn-trace-id": "<present>",
    date: "<present>",
  };
}
