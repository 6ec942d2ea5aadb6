/**
 * The raw samples behind the charts, written next to results.json as `results.samples.json`.
 * Bounded: latency samples are thinned to at most MAX_LATENCY_SAMPLES per path (evenly spaced
 * order statistics, so the distribution's shape and its extremes survive), and the chunk timeline
 * is one representative chat per path.
 */
import type { TimedChunk } from "./sse-timeline.js";

const MAX_LATENCY_SAMPLES = 300;

export interface ThroughputLevel {
  /** The stack configuration measured (bench/configurations.ts): `default` is `npm start`'s. */
  configuration: string;
  concurrency: number;
  /** Completed chats per second, one per run. */
  chatsPerSecond: number[];
  /** Client errors and timeouts over every run of the level. */
  errors: number;
  non2xx: number;
}

export interface ChunkArrival {
  /** 1-based piece number, in the order the stub sent them. */
  piece: number;
  /** When the piece left the model stub, ms after the stub sent piece 1. */
  sentMs: number;
  /** When the viewer had received that many characters, same origin. */
  receivedMs: number;
}

export interface BenchSamples {
  schemaVersion: 1;
  mode: "full" | "smoke";
  /** Case 2: a short answer end to end (ms), chain and direct, taken alternately (`npm start`'s configuration). */
  latency: { chainMs: number[]; directMs: number[] };
  /** Case 4: chats/s per run at each concurrency, per configuration. */
  throughput: ThroughputLevel[];
  /** Case 3: the paced answer's pieces, one representative chat per path (`npm start`'s configuration). */
  chunkTimeline: { pieces: number; delayMs: number; chain: ChunkArrival[]; direct: ChunkArrival[] };
}

/** At most `max` values of `values` (to the µs), sorted: evenly spaced order statistics incl. min and max. */
export function thin(values: readonly number[], max = MAX_LATENCY_SAMPLES): number[] {
  const sorted = values.map(round).sort((a, b) => a - b);
  if (sorted.length <= max) return sorted;
  const step = (sorted.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => sorted[Math.round(i * step)] ?? Number.NaN);
}

/**
 * Per piece, send and arrival times relative to the stub's first piece. Arrival is the time the
 * viewer had received as many characters as the stub had sent up to that piece (as `pieceDelays`
 * matches them). Undefined when the texts differ.
 */
export function chunkArrivals(
  sent: readonly TimedChunk[],
  received: readonly TimedChunk[],
): ChunkArrival[] | undefined {
  const origin = sent[0]?.at;
  if (origin === undefined) return undefined;
  if (sent.map((p) => p.text).join("") !== received.map((c) => c.text).join("")) return undefined;
  const out: ChunkArrival[] = [];
  let sentChars = 0;
  let recvChars = 0;
  let j = 0;
  for (const [i, piece] of sent.entries()) {
    sentChars += piece.text.length;
    while (recvChars < sentChars && j < received.length) recvChars += received[j++]?.text.length ?? 0;
    const arrival = received[j - 1];
    if (arrival === undefined) return undefined;
    out.push({ piece: i + 1, sentMs: round(piece.at - origin), receivedMs: round(arrival.at - origin) });
  }
  return out;
}

/** The timeline whose median per-piece delay is the median among `timelines` (the typical chat). */
export function representative(timelines: readonly ChunkArrival[][]): ChunkArrival[] {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? 0;
  const ranked = timelines
    .filter((t) => t.length > 0)
    .map((t) => ({ t, m: median(t.map((a) => a.receivedMs - a.sentMs)) }))
    .sort((a, b) => a.m - b.m);
  return ranked[Math.floor((ranked.length - 1) / 2)]?.t ?? [];
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
