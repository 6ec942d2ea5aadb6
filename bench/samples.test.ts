import { expect, it } from "vitest";
import { chunkArrivals, representative, thin } from "./samples.js";

it("thin keeps every sample, sorted and rounded to the microsecond, when there are few enough", () => {
  expect(thin([3, 1.0004, 2], 5)).toEqual([1, 2, 3]);
});

it("thin bounds the samples and keeps the minimum, the maximum and the shape between", () => {
  const values = Array.from({ length: 10_001 }, (_, i) => 10_000 - i);
  const out = thin(values, 101);
  expect(out).toHaveLength(101);
  expect(out[0]).toBe(0);
  expect(out[100]).toBe(10_000);
  expect(out[50]).toBe(5_000);
});

it("chunkArrivals matches re-chunked arrivals by cumulative length, times from the first piece", () => {
  const sent = [
    { at: 100, text: "ab" },
    { at: 120, text: "cd" },
  ];
  const received = [
    { at: 101, text: "a" },
    { at: 102, text: "b" },
    { at: 125, text: "cd" },
  ];
  expect(chunkArrivals(sent, received)).toEqual([
    { piece: 1, sentMs: 0, receivedMs: 2 },
    { piece: 2, sentMs: 20, receivedMs: 25 },
  ]);
});

it("chunkArrivals gives nothing when the viewer got a different text or the stub sent none", () => {
  expect(chunkArrivals([{ at: 1, text: "ab" }], [{ at: 2, text: "ax" }])).toBeUndefined();
  expect(chunkArrivals([], [])).toBeUndefined();
});

it("representative picks the chat whose median per-piece delay is the median", () => {
  const chat = (delay: number) => [
    { piece: 1, sentMs: 0, receivedMs: delay },
    { piece: 2, sentMs: 20, receivedMs: 20 + delay },
  ];
  expect(representative([chat(9), chat(1), chat(5)])).toEqual(chat(5));
  expect(representative([])).toEqual([]);
});
