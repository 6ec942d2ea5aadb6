/**
 * CloudFront Origin Access Control: which origin requests get signed, and how. The signature itself
 * comes from AWS's own SigV4 signer, through the edge toolkit (`../aws/sigv4-sign.ts`).
 */
import { EMPTY_BODY_SHA256 } from "../aws/sigv4-canonical.js";
import { type SigningCredentials, signSigV4Headers } from "../aws/sigv4-sign.js";
import type { OacSigningBehavior } from "../config/types.js";

export interface OacSignInput {
  /** `undefined` when the origin has no OAC: nothing is signed. */
  behavior: OacSigningBehavior | undefined;
  credentials: SigningCredentials;
  region: string;
  /** The origin's domain (the `host` header already set on `headers`). */
  host: string;
  method: string;
  path: string;
  rawQuery: string;
  /** Origin request headers, lower-case names. */
  headers: [string, string][];
  signingDate: Date;
}

export interface OacSignResult {
  headers: [string, string][];
  signed: boolean;
}

const SIGNATURE_HEADERS = new Set(["authorization", "x-amz-date", "x-amz-security-token"]);

/**
 * Applies an OAC signing behaviour to an origin request (API_OriginAccessControlConfig;
 * docs/platform-facts.md#origin-access-control): `always` signs and overwrites a viewer Authorization;
 * `no-override` passes a viewer Authorization on unsigned and signs otherwise; `never` signs nothing. The
 * payload hash is the viewer's `x-amz-content-sha256` (CloudFront never reads the body). Assumption: without
 * that header the empty-payload hash is signed, so an origin that checks the body refuses a request that has
 * one.
 */
export async function applyOacSigning(input: OacSignInput): Promise<OacSignResult> {
  const { behavior, headers } = input;
  if (behavior === undefined || behavior === "never") return { headers, signed: false };
  if (behavior === "no-override" && headers.some(([name]) => name === "authorization")) {
    return { headers, signed: false };
  }
  const viewerHash = headers.find(([name]) => name === "x-amz-content-sha256")?.[1];
  const payloadHash = viewerHash ?? EMPTY_BODY_SHA256;
  const signature = await signSigV4Headers({
    credentials: input.credentials,
    region: input.region,
    service: "lambda",
    host: input.host,
    method: input.method,
    path: input.path,
    rawQuery: input.rawQuery,
    payloadHash,
    signingDate: input.signingDate,
  });
  const kept = headers.filter(([name]) => !SIGNATURE_HEADERS.has(name) && name !== "x-amz-content-sha256");
  const out: [string, string][] = [...kept, ...(Object.entries(signature) as [string, string][])];
  return { headers: out, signed: true };
}
