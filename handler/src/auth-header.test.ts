/**
 * The auth header variants, through the real handler (composeHandler): RFC 9110 section 11.1 (scheme
 * case-insensitive), RFC 6750 section 2.1 (`"Bearer" 1*SP b64token`: exactly one token), RFC 9110
 * section 5.5 (surrounding SP/HTAB is not part of the value), and docs/platform-facts.md#function-url-event
 * (Function URL events join repeated headers with commas). Each variant asserts the exact pinned code.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { MAX_AUTH_HEADER_LENGTH } from "./bearer-token.js";
import { chatEvent, type Harness, invoke, startHarness } from "./test-support/harness.js";

let h: Harness;
let token: string;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.stub.scenario = { pieces: ["Hi"] };
  h.stub.requests.length = 0;
  token = h.idp.mint();
});

async function send(headers: Record<string, string>) {
  const result = await invoke(h.build(), chatEvent(undefined, undefined, { headers }));
  type ErrorBody = { error: { code: string; message: string } };
  const error = result.statusCode === 200 ? undefined : (JSON.parse(result.body) as ErrorBody).error;
  return { status: result.statusCode, code: error?.code ?? "OK", message: error?.message, result };
}

const XFA = "x-forwarded-authorization";

it.each([
  ["lower-case scheme", (t: string) => `bearer ${t}`],
  ["upper-case scheme", (t: string) => `BEARER ${t}`],
  ["mixed-case scheme", (t: string) => `bEaReR ${t}`],
  ["several spaces after the scheme (1*SP)", (t: string) => `Bearer    ${t}`],
  ["surrounding spaces (field OWS)", (t: string) => `  Bearer ${t}  `],
  ["surrounding tabs (field OWS)", (t: string) => `\tBearer ${t}\t`],
])("accepts %s", async (_name, value) => {
  const { status } = await send({ [XFA]: value(token) });
  expect(status).toBe(200);
  expect(h.stub.requests).toHaveLength(1);
});

it.each([
  ["an empty value", () => ""],
  ["only spaces", () => "   "],
  ["only a tab", () => "\t"],
])("401 TOKEN_MISSING for %s", async (_name, value) => {
  expect(await send({ [XFA]: value() })).toMatchObject({ status: 401, code: "TOKEN_MISSING" });
});

it.each([
  ["Bearer without a token", () => "Bearer"],
  ["Bearer and a space, no token", () => "Bearer "],
  ["Bearer and many spaces, no token", () => "Bearer      "],
  ["a tab between scheme and token", (t: string) => `Bearer\t${t}`],
  ["no separator", (t: string) => `Bearer${t}`],
  ["two tokens", (t: string) => `Bearer ${t} ${t}`],
  ["a token then junk", (t: string) => `Bearer ${t} x`],
  ["a repeated header joined with a comma (Lambda's event)", (t: string) => `Bearer ${t},Bearer ${t}`],
  ["a repeated header joined with comma-space", (t: string) => `Bearer ${t}, Bearer ${t}`],
  ["a non-ASCII token", () => "Bearer tökén.ëÿ.x"],
  ["a no-break space separator", (t: string) => `Bearer\u00a0${t}`],
  ["a non-ASCII scheme", (t: string) => `Beärer ${t}`],
  ["a quoted token", (t: string) => `Bearer "${t}"`],
  ["another scheme", (t: string) => `Basic ${t}`],
  ["a scheme prefix only", (t: string) => `Bear ${t}`],
  ["a longer scheme", (t: string) => `Bearers ${t}`],
  ["a token with a newline inside", (t: string) => `Bearer ${t.slice(0, 10)}\n${t.slice(10)}`],
])("401 TOKEN_MALFORMED for %s, refused by the header parser", async (_name, value) => {
  const answer = await send({ [XFA]: value(token) });
  expect(answer).toMatchObject({ status: 401, code: "TOKEN_MALFORMED" });
  // The parser's message, not the verifier's "not a well-formed JWT": the value never reached the verifier.
  expect(answer.message).toBe('x-forwarded-authorization must be "Bearer <token>".');
  expect(answer.result.headers["www-authenticate"]).toBe('Bearer error="invalid_token"');
  expect(h.stub.requests).toHaveLength(0);
});

it("401 TOKEN_MALFORMED for a value over the length limit, before any parsing", async () => {
  const answer = await send({ [XFA]: `Bearer ${"a".repeat(MAX_AUTH_HEADER_LENGTH)}` });
  expect(answer).toMatchObject({ status: 401, code: "TOKEN_MALFORMED" });
  expect(answer.message).toBe(
    `x-forwarded-authorization is longer than ${MAX_AUTH_HEADER_LENGTH} characters.`,
  );
});

it("401 TOKEN_MALFORMED for a very long value within the limit that is not a JWT (parsed, not crashed)", async () => {
  const long = `Bearer ${"a".repeat(MAX_AUTH_HEADER_LENGTH - 100)}`;
  expect(await send({ [XFA]: long })).toMatchObject({ status: 401, code: "TOKEN_MALFORMED" });
});

it("reads only the configured header: a token in Authorization alone is TOKEN_MISSING", async () => {
  // Behind OAC, Authorization carries CloudFront's SigV4 signature, never the viewer's token (design, point 1).
  expect(await send({ authorization: `Bearer ${token}` })).toMatchObject({
    status: 401,
    code: "TOKEN_MISSING",
  });
});

it("with a token in both headers, the configured header decides", async () => {
  const forged = h.idp.mint({ claims: { aud: "another-client" } });
  expect(await send({ authorization: `Bearer ${forged}`, [XFA]: `Bearer ${token}` })).toMatchObject({
    status: 200,
  });
  expect(await send({ authorization: `Bearer ${token}`, [XFA]: `Bearer ${forged}` })).toMatchObject({
    status: 401,
    code: "TOKEN_INVALID",
  });
});
