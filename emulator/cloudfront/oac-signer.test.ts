import { describe, expect, it } from "vitest";
import { EMPTY_BODY_SHA256 } from "../aws/sigv4-canonical.js";
import { applyOacSigning, type OacSignInput } from "./oac-signer.js";

const credentials = { accessKeyId: "AKIATESTOAC000000001", secretAccessKey: `secret-${Math.random()}` };
const signingDate = new Date(Date.UTC(2026, 10, 25, 12, 0, 0));
const bodyHash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

function input(behavior: OacSignInput["behavior"], headers: [string, string][]): OacSignInput {
  return {
    behavior,
    credentials,
    region: "us-east-1",
    host: "abc.lambda-url.us-east-1.on.aws",
    method: "POST",
    path: "/chatbot",
    rawQuery: "",
    headers: [["host", "abc.lambda-url.us-east-1.on.aws"], ...headers],
    signingDate,
  };
}

const header = (headers: [string, string][], name: string) =>
  headers.filter(([n]) => n === name).map(([, v]) => v);

describe("OAC signing behaviours (API_OriginAccessControlConfig)", () => {
  it("always: signs and overwrites the viewer's Authorization", async () => {
    const { headers, signed } = await applyOacSigning(
      input("always", [
        ["authorization", "Bearer viewer-token"],
        ["x-amz-content-sha256", bodyHash],
      ]),
    );
    expect(signed).toBe(true);
    const auth = header(headers, "authorization");
    expect(auth).toHaveLength(1);
    expect(auth[0]).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIATESTOAC000000001\/20261125\/us-east-1\/lambda\/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/,
    );
    expect(header(headers, "x-amz-date")).toEqual(["20261125T120000Z"]);
    expect(header(headers, "x-amz-content-sha256")).toEqual([bodyHash]);
  });

  it("no-override: a viewer Authorization is passed on unsigned", async () => {
    const headers: [string, string][] = [["authorization", "Bearer viewer-token"]];
    const result = await applyOacSigning(input("no-override", headers));
    expect(result.signed).toBe(false);
    expect(header(result.headers, "authorization")).toEqual(["Bearer viewer-token"]);
  });

  it("no-override: without a viewer Authorization the request is signed", async () => {
    const result = await applyOacSigning(input("no-override", [["x-amz-content-sha256", bodyHash]]));
    expect(result.signed).toBe(true);
    expect(header(result.headers, "authorization")[0]).toMatch(/^AWS4-HMAC-SHA256 /);
  });

  it("never: nothing is signed and the viewer's headers pass as they are", async () => {
    const result = await applyOacSigning(input("never", [["authorization", "Bearer viewer-token"]]));
    expect(result.signed).toBe(false);
    expect(header(result.headers, "authorization")).toEqual(["Bearer viewer-token"]);
  });

  it("no OAC on the origin: nothing is signed", async () => {
    const result = await applyOacSigning(input(undefined, []));
    expect(result).toMatchObject({ signed: false });
    expect(header(result.headers, "authorization")).toEqual([]);
  });

  it("Assumption: without the viewer's x-amz-content-sha256 the empty-payload hash is signed", async () => {
    const { headers } = await applyOacSigning(input("always", []));
    expect(header(headers, "x-amz-content-sha256")).toEqual([EMPTY_BODY_SHA256]);
  });

  it("a session token is sent and signed as x-amz-security-token", async () => {
    const token = `token-${Math.random()}`;
    const { headers } = await applyOacSigning({
      ...input("always", [["x-amz-content-sha256", bodyHash]]),
      credentials: { ...credentials, sessionToken: token },
    });
    expect(header(headers, "x-amz-security-token")).toEqual([token]);
    expect(header(headers, "authorization")[0]).toContain(
      "SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,",
    );
  });

  it("a viewer's own x-amz-date and x-amz-security-token are replaced when CloudFront signs", async () => {
    const { headers } = await applyOacSigning(
      input("always", [
        ["x-amz-date", "19990101T000000Z"],
        ["x-amz-security-token", "viewer-token"],
      ]),
    );
    expect(header(headers, "x-amz-date")).toEqual(["20261125T120000Z"]);
    expect(header(headers, "x-amz-security-token")).toEqual([]);
  });
});
