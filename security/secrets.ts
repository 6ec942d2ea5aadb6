/**
 * The secrets scan: everything the suite sees (response headers and bodies, SSE frames, service log
 * lines) is kept and searched at the end for the Gemini API key and for any bearer token the suite sent.
 */

export interface SecretHit {
  /** Where the text came from, e.g. "response TOK-03" or "log". */
  where: string;
  /** Which secret: "gemini-api-key" or "token". Never the secret itself. */
  secret: string;
}

/** Tokens shorter than this are not distinctive enough to search for (e.g. "a.b"). */
const MIN_NEEDLE = 16;
/** Bounds the memory the recorder keeps, whatever the load size. */
const MAX_KEPT_CHARS = 64 * 1024 * 1024;

export class SecretRecorder {
  private readonly texts: { where: string; text: string }[] = [];
  private readonly needles = new Map<string, string>();
  private kept = 0;
  /** Count of texts not kept because the bound was reached (reported, never silently dropped). */
  dropped = 0;

  constructor(geminiApiKey?: string) {
    if (geminiApiKey) this.needles.set(geminiApiKey, "gemini-api-key");
  }

  /** Registers a bearer token: its payload and signature segments are searched for (either leaks it). */
  addToken(token: string): void {
    const parts = token.split(".");
    for (const part of parts.length === 3 ? parts.slice(1) : [token]) {
      if (part.length >= MIN_NEEDLE) this.needles.set(part, "token");
    }
  }

  /** Registers the token inside an `Authorization`-style header value. */
  addAuthorizationValue(value: string): void {
    const token = value.replace(/^\s*bearer\s+/i, "").trim();
    if (token) this.addToken(token);
  }

  record(where: string, text: string): void {
    if (!text) return;
    if (this.kept + text.length > MAX_KEPT_CHARS) {
      this.dropped++;
      return;
    }
    this.kept += text.length;
    this.texts.push({ where, text });
  }

  get recordedCount(): number {
    return this.texts.length;
  }

  /** Searches every kept text for every secret. */
  scan(): { hits: SecretHit[]; texts: number; secrets: number } {
    return this.scanTexts(this.texts);
  }

  /** Searches the given texts (e.g. log lines read at the end) for every secret. */
  scanTexts(all: readonly { where: string; text: string }[]): {
    hits: SecretHit[];
    texts: number;
    secrets: number;
  } {
    const hits: SecretHit[] = [];
    for (const { where, text } of all) {
      for (const [needle, secret] of this.needles) {
        if (text.includes(needle)) hits.push({ where, secret });
      }
    }
    return { hits, texts: all.length, secrets: this.needles.size };
  }
}
