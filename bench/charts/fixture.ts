/** A tiny fixed sample set for the chart tests: distinct counts and ranges per series. */
import type { BenchSamples } from "../samples.js";

export const FIXTURE: BenchSamples = {
  schemaVersion: 1,
  mode: "smoke",
  latency: { chainMs: [5, 6, 7.5, 12, 30], directMs: [2, 2.5, 4] },
  throughput: [
    { configuration: "default", concurrency: 1, chatsPerSecond: [190, 200], errors: 0, non2xx: 0 },
    { configuration: "default", concurrency: 10, chatsPerSecond: [210, 220, 230], errors: 0, non2xx: 0 },
    { configuration: "default", concurrency: 50, chatsPerSecond: [160, 170], errors: 2, non2xx: 1 },
    { configuration: "worker", concurrency: 1, chatsPerSecond: [290, 300], errors: 0, non2xx: 0 },
    { configuration: "worker", concurrency: 10, chatsPerSecond: [310, 320, 330], errors: 0, non2xx: 0 },
    { configuration: "worker", concurrency: 50, chatsPerSecond: [260, 270], errors: 0, non2xx: 0 },
  ],
  chunkTimeline: {
    pieces: 3,
    delayMs: 20,
    chain: [
      { piece: 1, sentMs: 0, receivedMs: 1 },
      { piece: 2, sentMs: 20, receivedMs: 21.5 },
      { piece: 3, sentMs: 40, receivedMs: 41.25 },
    ],
    direct: [
      { piece: 1, sentMs: 0, receivedMs: 0.5 },
      { piece: 2, sentMs: 20.1, receivedMs: 20.4 },
      { piece: 3, sentMs: 40.2, receivedMs: 40.7 },
    ],
  },
};
