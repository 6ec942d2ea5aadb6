/** Path patterns as the CloudFront developer guide's "Path pattern" section gives them (path-pattern.ts). */
import { expect, it } from "vitest";
import { CloudFrontConfigError } from "./errors.js";
import { checkPathPattern, pathPatternMatcher } from "./path-pattern.js";

const matches = (pattern: string, path: string) => pathPatternMatcher(pattern)(path);

it("the guide's examples: *.jpg, images/*.jpg (subdirectories too), a??.jpg, *.doc*", () => {
  expect(matches("*.jpg", "/logo.jpg")).toBe(true);
  expect(matches("images/*.jpg", "/images/product1/a.jpg")).toBe(true);
  expect(matches("images/*.jpg", "/images/a.gif")).toBe(false);
  expect(matches("a??.jpg", "/ant.jpg")).toBe(true);
  expect(matches("a??.jpg", "/an.jpg")).toBe(false);
  expect(matches("*.doc*", "/report.docx")).toBe(true);
  expect(matches("*.doc?", "/report.doc")).toBe(false);
});

it("is case-sensitive: *.jpg does not match LOGO.JPG", () => {
  expect(matches("*.jpg", "/LOGO.JPG")).toBe(false);
});

it("a leading slash makes no difference, on either side", () => {
  expect(matches("/api/*", "/api/x")).toBe(true);
  expect(matches("api/*", "/api/x")).toBe(true);
  expect(matches("/api/*", "api/x")).toBe(true);
});

it("matches the whole path, not a part of it", () => {
  expect(matches("api/*", "/v1/api/x")).toBe(false);
  expect(matches("report", "/report/extra")).toBe(false);
});

it("refuses patterns the API refuses: empty, too long, characters outside its set", () => {
  expect(() => checkPathPattern("")).toThrow(CloudFrontConfigError);
  expect(() => checkPathPattern(`/${"a".repeat(255)}`)).toThrow(/1 to 255 characters/);
  expect(() => checkPathPattern("/api/{id}")).toThrow(/only A-Z/);
  expect(() => checkPathPattern("/api/*.json")).not.toThrow();
});
