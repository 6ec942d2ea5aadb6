/**
 * Generated malformed requests for the input fuzzing. Each generated request carries at least one
 * "poison" the pinned schema refuses (docs/interfaces.md#request-body; handler/src/request.ts limits), so
 * every answer must be a 400/413/415 and never a model call. Extra fields, odd keys and odd headers ride
 * along to show they change nothing.
 */
import fc from "fast-check";
import { SAMPLE_REQUEST } from "../../emulator/stack/sample-request.js";

export interface FuzzRequest {
  /** What makes it invalid, for the report. */
  poison: string;
  body: Buffer;
  contentType: string | undefined;
  extraHeaders: Record<string, string>;
  /** Statuses the pinned table allows for this poison. */
  statuses: number[];
}

const wrongType = fc.oneof(
  fc.integer(),
  // Finite only: JSON turns NaN and Infinity into null, which the schema allows for optional fields.
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
);
const nonStringNonNull = wrongType.filter((v) => v !== null);
const oddKey = fc.constantFrom(
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "__defineGetter__",
  "valueOf",
);
const extraFields = fc.dictionary(
  fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), oddKey),
  fc.oneof(fc.string({ maxLength: 40 }), fc.integer(), fc.constant({ polluted: true })),
  { maxKeys: 4 },
);
const badRole = fc.oneof(
  fc.constantFrom(
    "system",
    "assistant",
    "User",
    "MODEL",
    "",
    " user",
    "model ",
    "function",
    "tool",
    "__proto__",
    "developer",
  ),
  nonStringNonNull,
);
const turn = fc.record({ role: fc.constantFrom("user", "model"), content: fc.string({ maxLength: 60 }) });

type Poison = { poison: string; patch: (body: Record<string, unknown>) => unknown; statuses?: number[] };

const poisons: fc.Arbitrary<Poison>[] = [
  wrongType.map((v) => ({ poison: "query wrong type", patch: (b) => ({ ...b, query: v }) })),
  fc
    .constantFrom("", "   ", "\n\t")
    .map((v) => ({ poison: "query blank", patch: (b) => ({ ...b, query: v }) })),
  fc.constant({
    poison: "query missing",
    patch: (b: Record<string, unknown>) => ({ ...b, query: undefined }),
  }),
  fc
    .integer({ min: 4001, max: 20_000 })
    .map((n) => ({ poison: "query too long", patch: (b) => ({ ...b, query: "q".repeat(n) }) })),
  nonStringNonNull.map((v) => ({ poison: "userCode wrong type", patch: (b) => ({ ...b, userCode: v }) })),
  fc
    .integer({ min: 64 * 1024 + 1, max: 200 * 1024 })
    .map((n) => ({ poison: "userCode too big", patch: (b) => ({ ...b, userCode: "c".repeat(n) }) })),
  nonStringNonNull
    .filter((v) => !Array.isArray(v))
    .map((v) => ({ poison: "history not an array", patch: (b) => ({ ...b, history: v }) })),
  fc
    .array(turn, { minLength: 41, maxLength: 60 })
    .map((h) => ({ poison: "history too long", patch: (b) => ({ ...b, history: h }) })),
  fc
    .tuple(fc.array(turn, { maxLength: 3 }), badRole, fc.string({ maxLength: 40 }))
    .map(([h, role, content]) => ({
      poison: "history role confusion",
      patch: (b) => ({ ...b, history: [...h, { role, content }] }),
    })),
  fc.tuple(fc.array(turn, { maxLength: 3 }), nonStringNonNull).map(([h, content]) => ({
    poison: "history content wrong type",
    patch: (b) => ({ ...b, history: [...h, { role: "user", content }] }),
  })),
  fc.oneof(fc.string(), fc.integer(), fc.constant(null)).map((t) => ({
    poison: "history turn not an object",
    patch: (b) => ({ ...b, history: [t] }),
  })),
  fc.integer({ min: 8001, max: 20_000 }).map((n) => ({
    poison: "history content too long",
    patch: (b) => ({ ...b, history: [{ role: "model", content: "m".repeat(n) }] }),
  })),
  nonStringNonNull
    .filter((v) => typeof v !== "object" || Array.isArray(v))
    .map((v) => ({ poison: "problemDetails not an object", patch: (b) => ({ ...b, problemDetails: v }) })),
  fc.tuple(fc.constantFrom("title", "description"), wrongType).map(([field, v]) => ({
    poison: `problemDetails.${field} wrong type`,
    patch: (b) => ({ ...b, problemDetails: { ...(b.problemDetails as object), [field]: v } }),
  })),
  fc.integer({ min: 33 * 1024, max: 100 * 1024 }).map((n) => ({
    poison: "problemDetails too big",
    patch: (b) => ({ ...b, problemDetails: { title: "t", description: "d".repeat(n) } }),
  })),
  fc.string({ maxLength: 30 }).map((q) => ({
    poison: "query only via __proto__",
    patch: () => JSON.parse(`{"__proto__":{"query":${JSON.stringify(`${q}x`)}},"history":[]}`),
  })),
  fc.string({ maxLength: 30 }).map((q) => ({
    poison: "query only via constructor.prototype",
    patch: () => ({ constructor: { prototype: { query: `${q}x` } }, history: [] }),
  })),
  fc
    .oneof(
      fc.array(fc.string(), { maxLength: 3 }),
      fc.string(),
      fc.integer(),
      fc.constant(null),
      fc.boolean(),
    )
    .map((v) => ({
      poison: "body not an object",
      patch: () => v,
    })),
  fc.integer({ min: 300 * 1024, max: 900 * 1024 }).map((n) => ({
    poison: "huge body",
    patch: (b) => ({ ...b, userCode: "h".repeat(n) }),
    statuses: [413],
  })),
];

/** Raw-byte poisons: not JSON at all, or bytes that are not UTF-8 outside any string. */
const rawBodies: fc.Arbitrary<{ poison: string; bytes: Buffer }> = fc.oneof(
  fc.string({ maxLength: 200 }).map((s) => ({
    poison: "truncated JSON",
    bytes: Buffer.from(JSON.stringify({ ...SAMPLE_REQUEST, s }).slice(0, -1 - (s.length % 5))),
  })),
  fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => ({
    poison: "invalid UTF-8 after the JSON",
    bytes: Buffer.concat([
      Buffer.from(JSON.stringify(SAMPLE_REQUEST)),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(bytes),
    ]),
  })),
  fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => ({
    poison: "invalid UTF-8 instead of JSON",
    bytes: Buffer.concat([Buffer.from([0xc3, 0x28, 0xa0, 0xa1]), Buffer.from(bytes)]),
  })),
  fc
    .constantFrom("", " ", "{", "[]]", "{'query':'x'}", "query=hi", "null", "NaN", '{"query":"x",}')
    .map((s) => ({
      poison: "not JSON",
      bytes: Buffer.from(s),
    })),
  // Built as text: a deep value would overflow the stack of the generator itself.
  fc.integer({ min: 10, max: 20_000 }).map((depth) => ({
    poison: "deeply nested query",
    bytes: Buffer.from(`{"query":${"[".repeat(depth)}"x"${"]".repeat(depth)}}`),
  })),
  fc.integer({ min: 2000, max: 200_000 }).map((depth) => ({
    poison: "deeply nested raw JSON",
    bytes: Buffer.from(`${"[".repeat(depth)}${"]".repeat(depth - 1)}`),
  })),
);

const headerName = fc.stringMatching(/^x-[a-z0-9-]{1,20}$/);
const headerValue = fc.stringMatching(/^[\x21-\x7e]{0,60}$/);
const extraHeaders = fc.dictionary(headerName, headerValue, { maxKeys: 3 });
const goodContentType = fc.constantFrom(
  "application/json",
  "application/json; charset=utf-8",
  "APPLICATION/JSON",
  "application/json;charset=UTF-8",
);
const badContentType = fc.constantFrom(
  undefined,
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/jsonp",
  "application/xml",
  "json",
  "text/json",
  "application/json-patch+json",
);

/** One generated request: either a JSON poison, a raw-byte poison, or a good body with a wrong content type. */
export const fuzzRequest: fc.Arbitrary<FuzzRequest> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.oneof(...poisons), extraFields, goodContentType, extraHeaders)
      .map(([p, extra, ct, headers]) => {
        const base: Record<string, unknown> = {
          ...(structuredClone(SAMPLE_REQUEST) as Record<string, unknown>),
        };
        for (const [k, v] of Object.entries(extra))
          if (!(k in base))
            Object.defineProperty(base, k, {
              value: v,
              enumerable: true,
              writable: true,
              configurable: true,
            });
        const body = p.patch(base);
        return {
          poison: p.poison,
          body: Buffer.from(JSON.stringify(body) ?? "undefined"),
          contentType: ct,
          extraHeaders: headers,
          statuses: p.statuses ?? [400, 413],
        };
      }),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(rawBodies, goodContentType, extraHeaders).map(([r, ct, headers]) => ({
      poison: r.poison,
      body: r.bytes,
      contentType: ct,
      extraHeaders: headers,
      statuses: [400, 413],
    })),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(badContentType, extraHeaders).map(([ct, headers]) => ({
      poison: `content type ${ct ?? "missing"}`,
      body: Buffer.from(JSON.stringify(SAMPLE_REQUEST)),
      contentType: ct,
      extraHeaders: headers,
      statuses: [415],
    })),
  },
);
