/** The whole catalogue, in run order: the control first, faults before the fuzz and load (they count JWKS fetches
 * on a quiet container), the secrets scan last (it covers everything before it). */
import type { AttackCase } from "./case.js";
import { edgeCases } from "./cases/edge.js";
import { exposureCases } from "./cases/exposure.js";
import { faultCases } from "./cases/faults.js";
import { inputCases } from "./cases/input.js";
import { loadCases } from "./cases/load.js";
import { secretCases } from "./cases/secrets.js";
import { spoilerCases } from "./cases/spoiler.js";
import { controlCases, tokenCases } from "./cases/tokens.js";

export const CATALOGUE: readonly AttackCase[] = [
  ...controlCases,
  ...tokenCases,
  ...edgeCases,
  ...exposureCases,
  ...faultCases,
  ...inputCases,
  ...loadCases,
  ...spoilerCases,
  ...secretCases,
];
