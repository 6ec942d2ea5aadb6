/**
 * The response payload format 2.0 as a BUFFERED Function URL reads it. Each case names its source:
 * the Lambda guide's urls-invocation page, or an answer recorded against AWS (LocalStack's
 * AWS-validated `test_lambda_url_invocation` snapshot, 2025-11-24), as payload-format.ts cites them.
 */
import { expect, it } from "vitest";
import { interpretPayload } from "./payload-format.js";

const answer = (value: unknown) => interpretPayload(Buffer.from(JSON.stringify(value)));
const text = (a: ReturnType<typeof interpretPayload>) => ("body" in a ? a.body.toString("utf8") : a);

it("an object with statusCode: status, headers (lower case), cookies as set-cookie, body (guide)", () => {
  const a = answer({
    statusCode: 201,
    headers: { "Content-Type": "text/plain", "My-Custom-Header": "Custom Value" },
    cookies: ["Cookie_1=Value1; Max-Age=78000", "Cookie_2=Value2"],
    body: "made",
    isBase64Encoded: false,
  });
  expect(a).toMatchObject({
    status: 201,
    headers: {
      "content-type": "text/plain",
      "my-custom-header": "Custom Value",
      "set-cookie": ["Cookie_1=Value1; Max-Age=78000", "Cookie_2=Value2"],
    },
  });
  expect(text(a)).toBe("made");
});

it('statusCode without headers gets application/json (recorded: {"statusCode":200,"body":"body123"})', () => {
  const a = answer({ statusCode: 200, body: "body123" });
  expect(a).toMatchObject({ status: 200, headers: { "content-type": "application/json" } });
  expect(text(a)).toBe("body123");
});

it('a statusCode given as a string is honoured (recorded: "418")', () => {
  expect(answer({ statusCode: "418", body: "i'm a teapot" })).toMatchObject({ status: 418 });
});

it("isBase64Encoded: the body is decoded (guide)", () => {
  const bytes = Buffer.from([0, 1, 2, 250, 255]);
  const a = answer({ statusCode: 200, body: bytes.toString("base64"), isBase64Encoded: true });
  expect("body" in a && a.body.equals(bytes)).toBe(true);
});

it("without statusCode, an object, a list, a number and true are sent as their JSON with 200 (recorded)", () => {
  for (const value of [{ hello: "world" }, ["hello", 3, true], 3, 3.1, true]) {
    const a = answer(value);
    expect(a).toMatchObject({ status: 200, headers: { "content-type": "application/json" } });
    expect(text(a)).toBe(JSON.stringify(value));
  }
});

it("an object with body but no statusCode is sent whole, not interpreted (guide: no statusCode)", () => {
  expect(text(answer({ body: "inner", headers: { "x-a": "1" } }))).toBe(
    '{"body":"inner","headers":{"x-a":"1"}}',
  );
});

it('a JSON string is sent as the string itself, without its quotes (recorded: "hello" -> hello)', () => {
  const a = answer("hello");
  expect(text(a)).toBe("hello");
  expect(a).toMatchObject({ status: 200, headers: { "content-type": "application/json" } });
});

it("a statusCode that is no HTTP status has no answer (the URL answers 502)", () => {
  expect(answer({ statusCode: 1000 })).toEqual({ invalid: "statusCode 1000" });
  expect(answer({ statusCode: "abc" })).toEqual({ invalid: 'statusCode "abc"' });
});

it("a payload that is not JSON (a streamified handler's bytes) is 200 with no content (assumption)", () => {
  const a = interpretPayload(
    Buffer.concat([Buffer.from('{"statusCode":201}'), Buffer.alloc(8), Buffer.from("x")]),
  );
  expect(a).toMatchObject({ status: 200 });
  expect(text(a)).toBe("");
});
