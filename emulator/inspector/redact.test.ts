import { describe, expect, it } from "vitest";
import { queryNames, REDACTED, safeHeaders, scrubLine, signedHeaderNames } from "./redact.js";

describe("redaction", () => {
  it("shows values only for headers known to carry no secret", () => {
    expect(
      safeHeaders({
        "Content-Type": "application/json",
        authorization: "AWS4-HMAC-SHA256 Credential=AKIA/x, SignedHeaders=host, Signature=abc",
        "x-forwarded-authorization": "Bearer eyJ",
        cookie: "sid=1",
        "x-custom": "v",
      }),
    ).toEqual({
      "content-type": "application/json",
      authorization: REDACTED,
      "x-forwarded-authorization": REDACTED,
      cookie: REDACTED,
      "x-custom": REDACTED,
    });
  });

  it("reads SignedHeaders and query names, never the signature or values", () => {
    expect(
      signedHeaderNames("AWS4-HMAC-SHA256 Credential=A/b, SignedHeaders=host;x-amz-date, Signature=ff"),
    ).toEqual(["host", "x-amz-date"]);
    expect(queryNames("X-Amz-Signature=ff&a=1")).toEqual(["X-Amz-Signature", "a"]);
  });

  it("scrubs JWTs, bearer tokens, signatures, Google keys and key=value secrets from log lines", () => {
    const line = scrubLine(
      'token eyJhbGc.eyJzdWIi.c2ln auth=Bearer abc.def Signature=0123abcd key AIzaSyA1234567890123456789012 {"apiKey":"local-dev-key"} password=hunter2',
    );
    for (const secret of ["eyJhbGc", "abc.def", "0123abcd", "AIzaSy", "local-dev-key", "hunter2"]) {
      expect(line).not.toContain(secret);
    }
  });
});
