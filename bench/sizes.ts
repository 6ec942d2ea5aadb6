/**
 * Sizes of each case: the full run takes 10-16 minutes on 2 cores (both configurations; most of it
 * starting 200 containers for the last load level); the smoke run seconds.
 */
export function sizes(smoke: boolean) {
  return smoke
    ? {
        startupRuns: 1,
        containerRuns: 1,
        warmup: 2,
        overheadRuns: 2,
        overheadPerRun: 3,
        fidelityRuns: 2,
        fidelityPerRun: 2,
        pieces: 3,
        pieceDelayMs: 5,
        profileChats: 3,
        costBatches: 2,
        costBatchSize: 5,
        memoryContainers: 2,
        levels: [1, 4],
        warmupPieceDelayMs: 100,
        throughputRuns: 2,
        durationSec: 1,
        streams: 4,
        streamRounds: 1,
        ttlbRuns: 1,
        ttlbPerRun: 4,
        runtime: { coldRuns: 1, containers: 2, chunks: 3, chunkDelayMs: 10 },
      }
    : {
        startupRuns: 5,
        containerRuns: 3,
        warmup: 20,
        overheadRuns: 5,
        overheadPerRun: 60,
        fidelityRuns: 3,
        fidelityPerRun: 10,
        pieces: 10,
        pieceDelayMs: 20,
        profileChats: 100,
        costBatches: 40,
        costBatchSize: 50,
        memoryContainers: 8,
        levels: [1, 10, 50, 200],
        warmupPieceDelayMs: 1000,
        throughputRuns: 3,
        durationSec: 5,
        streams: 200,
        streamRounds: 2,
        ttlbRuns: 3,
        ttlbPerRun: 40,
        runtime: { coldRuns: 5, containers: 4, chunks: 20, chunkDelayMs: 20 },
      };
}

export type Sizes = ReturnType<typeof sizes>;

/** The cases `--only` can pick (a full run is all of them; `suite` also needs --suite). */
export const CASES = ["startup", "runtime", "chain", "load"] as const;
export type CaseName = (typeof CASES)[number];
