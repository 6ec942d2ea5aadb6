/** SigV4 timestamps: the ISO 8601 basic form `20150830T123600Z` used in `X-Amz-Date` and AWS's skew messages. */

export function amzDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** Milliseconds since the epoch, or undefined when the text is not exactly `YYYYMMDDTHHMMSSZ`. */
export function parseAmzDate(value: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  return amzDate(ms) === value ? ms : undefined;
}
