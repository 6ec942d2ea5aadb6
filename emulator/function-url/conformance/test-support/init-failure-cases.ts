/** The conformance cases of a failed Init phase: what the Lambda service answers, and the retry. */
import { FAILED, type Fixture } from "./fixture.js";

/** Each fails the Init phase; both requests get a 502 and the second one a fresh try (2 cold starts). */
export function initFailures(syntaxErrorModule: string): Fixture[] {
  const twice = (name: string, module: string, handler?: string): Fixture => ({
    name,
    module,
    handler,
    paths: ["/", "/"],
    expected: [FAILED, FAILED],
    coldStarts: 2,
  });
  return [
    twice("init: a bad handler path gives Runtime.ImportModuleError", "streaming.mjs", "nope.handler"),
    twice("init: a syntax error gives Runtime.UserCodeSyntaxError", syntaxErrorModule),
    twice("init: a missing export gives Runtime.HandlerNotFound", "streaming.mjs", "index.missing"),
    twice("init: an export that is not a function gives Runtime.HandlerNotFound", "not-a-function.mjs"),
    twice("init: a throw during init is reported with its own type", "init-throw.mjs"),
    twice("init: a missing package import is reported as Node's error", "missing-package.mjs"),
    twice(
      "init: a callback handler gives Runtime.CallbackHandlerDeprecated (nodejs24.x: callbacks removed)",
      "callback-handler.mjs",
    ),
  ];
}
