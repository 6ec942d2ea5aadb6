/**
 * The Lambda entry (handler setting `index.handler`, runtime nodejs24.x). Module scope runs once per
 * cold start: the config (a missing variable fails Init, naming it), the verifier with its JWKS
 * cache, and the API key once fetched. `awslambda` is the runtime's global (see awslambda.d.ts).
 */
import { composeHandler } from "./compose.js";

export const handler = awslambda.streamifyResponse(composeHandler(process.env));
