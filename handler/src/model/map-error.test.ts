import { ApiError } from "@google/genai";
import { describe, expect, it } from "vitest";
import { InvalidJsonError, UpstreamRateLimitedError } from "../errors.js";
import { mapModelError, retryAfterSeconds } from "./map-error.js";

const retryInfo = [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "2s" }];

describe("mapModelError (platform-facts: Gemini errors)", () => {
  it("reads RetryInfo from the JSON body in ApiError's message", () => {
    const body = { error: { code: 429, status: "RESOURCE_EXHAUSTED", details: retryInfo } };
    expect(retryAfterSeconds(new ApiError({ status: 429, message: JSON.stringify(body) }))).toBe(2);
    expect(
      retryAfterSeconds(new ApiError({ status: 429, message: `got status: 429. ${JSON.stringify(body)}` })),
    ).toBe(2);
    expect(retryAfterSeconds(new ApiError({ status: 429, message: "not json {" }))).toBeUndefined();
  });

  it("429 without RetryInfo has no Retry-After", () => {
    const error = mapModelError(new ApiError({ status: 429, message: "{}" }));
    expect(error).toBeInstanceOf(UpstreamRateLimitedError);
    expect(error.headers).toEqual({});
  });

  it.each([
    [503, 503, "UPSTREAM_UNAVAILABLE"],
    [504, 504, "UPSTREAM_TIMEOUT"],
    [500, 502, "UPSTREAM_ERROR"],
    [404, 502, "UPSTREAM_ERROR"],
  ])("model status %i -> %i %s", (status, expected, code) => {
    const error = mapModelError(new ApiError({ status, message: "{}" }));
    expect([error.status, error.code]).toEqual([expected, code]);
  });

  it("network failures are UPSTREAM_UNAVAILABLE; anything else UPSTREAM_ERROR", () => {
    const refused = new TypeError("fetch failed", {
      cause: Object.assign(new Error("connect"), { code: "ECONNREFUSED" }),
    });
    expect(mapModelError(refused).code).toBe("UPSTREAM_UNAVAILABLE");
    expect(mapModelError(new Error("Failed to parse stream")).code).toBe("UPSTREAM_ERROR");
    expect(mapModelError("weird").code).toBe("UPSTREAM_ERROR");
  });

  it("passes HandlerErrors through", () => {
    const error = new InvalidJsonError("x");
    expect(mapModelError(error)).toBe(error);
  });
});
