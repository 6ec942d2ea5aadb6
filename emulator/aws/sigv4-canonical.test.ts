import { describe, expect, it } from "vitest";
import { credentialStoreOf } from "../function-url/credential-store.js";
import { canonicalQuery, canonicalUri } from "./sigv4-canonical.js";
import { verifySigV4 } from "../function-url/sigv4-verify.js";

describe("SigV4 canonicalisation edge cases (bad input never throws)", () => {
  it("encodes a lone surrogate as U+FFFD instead of throwing", () => {
    expect(canonicalUri("/a\uD800b")).toBe("/a%EF%BF%BDb");
  });

  it("keeps invalid percent-encoding literal (re-encoded as %25) and '+' as a plus (RFC 3986, not forms)", () => {
    expect(canonicalQuery("a=%ZZ&b=x+y")).toBe("a=%25ZZ&b=x%2By");
  });

  it("answers a request with such a path with a refusal, not an exception", async () => {
    const store = credentialStoreOf([
      {
        accessKeyId: "AKIDEXAMPLE",
        secretAccessKey: "s",
        principal: "p",
        accountId: "123456789012",
        userId: "u",
      },
    ]);
    const result = await verifySigV4(
      {
        method: "GET",
        path: "/a\uD800",
        query: "",
        headers: {
          host: "example.amazonaws.com",
          "x-amz-date": "20150830T123600Z",
          authorization:
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=00",
        },
        body: Buffer.alloc(0),
      },
      store,
      { region: "us-east-1", service: "service", now: Date.UTC(2015, 7, 30, 12, 36) },
    );
    expect(result.ok ? "ok" : result.reason).toBe("signature-mismatch");
  });
});
