import { expect, it } from "vitest";
import { abortable } from "./abortable.js";

async function* forever(): AsyncGenerator<string> {
  yield "first";
  await new Promise(() => undefined); // a source that ignores the signal and never ends
}

it("stops a source that ignores the signal as soon as the signal aborts", async () => {
  const controller = new AbortController();
  const seen: string[] = [];
  const loop = (async () => {
    for await (const piece of abortable(forever(), controller.signal)) {
      seen.push(piece);
      controller.abort(new Error("stop"));
    }
  })();
  await expect(loop).rejects.toThrow("stop");
  expect(seen).toEqual(["first"]);
});

it("rejects at once for an already aborted signal and passes a normal source through", async () => {
  const aborted = AbortSignal.abort(new Error("already"));
  await expect(abortable(forever(), aborted).next()).rejects.toThrow("already");
  const out: number[] = [];
  for await (const n of abortable(
    (async function* () {
      yield* [1, 2, 3];
    })(),
    new AbortController().signal,
  ))
    out.push(n);
  expect(out).toEqual([1, 2, 3]);
});
