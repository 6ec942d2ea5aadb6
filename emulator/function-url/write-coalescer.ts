/**
 * Optional imitation of the managed runtime's coalescing of small writes: in real AWS, writes do not map
 * 1:1 to HTTP chunks and flushing is reliable only from about 16 KB (aws-facts "Response streaming";
 * RIC issues #94, #102). Assumption: the exact threshold and timer; AWS documents neither.
 */

export interface WriteCoalescer {
  push(chunk: Buffer): void;
  flush(): void;
}

export function createWriteCoalescer(
  write: (chunk: Buffer) => void,
  options: { thresholdBytes?: number; flushMs?: number } = {},
): WriteCoalescer {
  const threshold = options.thresholdBytes ?? 16 * 1024;
  const flushMs = options.flushMs ?? 100;
  let pending: Buffer[] = [];
  let size = 0;
  let timer: NodeJS.Timeout | undefined;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (size === 0) return;
    const data = Buffer.concat(pending, size);
    pending = [];
    size = 0;
    write(data);
  };

  return {
    push(chunk) {
      pending.push(chunk);
      size += chunk.byteLength;
      if (size >= threshold) flush();
      else if (!timer) timer = setTimeout(flush, flushMs);
    },
    flush,
  };
}

/** The default: every write goes out as it comes. */
export function passThroughWrites(write: (chunk: Buffer) => void): WriteCoalescer {
  return { push: write, flush: () => {} };
}
