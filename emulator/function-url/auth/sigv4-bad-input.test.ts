/** Input the canonicaliser cannot encode (a lone UTF-16 surrogate) is refused like any bad signature, never thrown. */
import { describe, expect, it } from "vitest";
import { credentialStoreOf } from "./credential-store.js";
import { verifySigV4 } from "./sigv4-verify.js";

describe("SigV4 verification of input that cannot be canonicalised as it is", () => {
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
