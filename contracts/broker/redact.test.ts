import { expect, it } from "vitest";
import { lineRedactor, REDACTED, redact, secretsOf } from "./redact.js";

it("knows every printed form of the broker's credentials", () => {
  expect(secretsOf({ url: "https://broker.example", token: "tok" })).toEqual(["tok"]);
  expect(secretsOf({ url: "https://broker.example", username: "ci", password: "pw" })).toEqual([
    "pw",
    Buffer.from("ci:pw").toString("base64"),
  ]);
  // In a URL the password may be percent-encoded; both spellings are secrets.
  expect(secretsOf({ url: "https://ci:p%40ss@broker.example" }).sort()).toEqual(
    [Buffer.from("ci:p@ss").toString("base64"), "p%40ss", "p@ss"].sort(),
  );
  expect(secretsOf({ url: "https://broker.example" })).toEqual([]);
});

it("replaces each secret wherever it occurs, the longer one first", () => {
  expect(redact("Bearer tok-1 and tok-1 again, tok", ["tok", "tok-1"])).toBe(
    `Bearer ${REDACTED} and ${REDACTED} again, ${REDACTED}`,
  );
});

it("a secret split across two chunks is still redacted: only whole lines are written", () => {
  const written: string[] = [];
  const out = lineRedactor(["secret-token"], (text) => written.push(text));
  out.push('first line\nraw_vals: ["secret-');
  out.push('token"]\nlast');
  out.end();
  expect(written.join("")).toBe(`first line\nraw_vals: ["${REDACTED}"]\nlast`);
  expect(written).toEqual(["first line\n", `raw_vals: ["${REDACTED}"]\n`, "last"]);
});
