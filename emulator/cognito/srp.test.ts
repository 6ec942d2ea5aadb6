import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clientKey, G, modPow, N, padHex, serverKey, startServer } from "./srp.js";

const randomA = () => BigInt(`0x${randomBytes(32).toString("hex")}`);

describe("SRP-6a as Cognito and Amplify compute it", () => {
  it("pads hex like the clients' getPaddedHex: even length, 00 before a set top bit", () => {
    expect(padHex(0x1n)).toBe("01");
    expect(padHex(0x7fn)).toBe("7f");
    expect(padHex(0x80n)).toBe("0080");
    expect(padHex(0xabcn)).toBe("0abc");
  });

  it("server and client derive the same key for the right password, different keys otherwise", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.string({ minLength: 1, maxLength: 40 }),
        (pw, other) => {
          const state = startServer("ChatbotDev", "alice", pw);
          const a = randomA();
          const A = modPow(G, a, N);
          const server = serverKey(state, A);
          const base = { a, B: state.B, poolName: "ChatbotDev", userId: "alice", saltHex: state.saltHex };
          expect(server).toEqual(clientKey({ ...base, password: pw }));
          if (other !== pw) expect(server).not.toEqual(clientKey({ ...base, password: other }));
        },
      ),
      { numRuns: 15 },
    );
  });

  it("refuses an illegal A (A mod N = 0), which would make the key predictable", () => {
    const state = startServer("ChatbotDev", "alice", "pw");
    expect(serverKey(state, 0n)).toBeUndefined();
    expect(serverKey(state, N)).toBeUndefined();
  });
});
