/**
 * One stub per test file, started before its tests and closed after them, with the scenario and
 * journal reset before each test. Shared by the `server-*.test.ts` files, which test the stub over HTTP.
 */

import { afterAll, beforeAll, beforeEach } from "vitest";
import { type RunningStub, startStub } from "./stub-client.js";

/** A frame of a `generateContent` answer as these tests read it. */
export type Frame = {
  candidates?: {
    content?: { parts: { text: string }[]; role: string };
    finishReason?: string;
    index: number;
    safetyRatings?: unknown[];
  }[];
  promptFeedback?: { blockReason: string };
  usageMetadata?: { promptTokenCount: number; totalTokenCount: number; candidatesTokenCount?: number };
  modelVersion?: string;
};

/** The reply text of a streamed answer, its pieces joined. */
export const textOf = (frames: Frame[]): string =>
  frames.map((frame) => frame.candidates?.[0]?.content?.parts[0]?.text ?? "").join("");

/**
 * Registers the hooks and returns the running stub; its fields are read when a test runs (after
 * `beforeAll`), so call this at the top of the file: `const running = startStubForFile();`.
 */
export function startStubForFile(): RunningStub {
  let current: RunningStub | undefined;
  const started = (): RunningStub => {
    if (!current) throw new Error("The shared stub is read before beforeAll started it");
    return current;
  };
  beforeAll(async () => {
    current = await startStub();
  });
  afterAll(async () => {
    await current?.stub.close();
  });
  beforeEach(() => {
    started().stub.setScenario(null);
    started().stub.journal.clear();
  });
  return {
    get stub() {
      return started().stub;
    },
    get url() {
      return started().url;
    },
    get apiKey() {
      return started().apiKey;
    },
    get config() {
      return started().config;
    },
  };
}
