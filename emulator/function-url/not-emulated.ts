import { NotEmulatedError } from "../common/not-emulated.js";

/** A part of the real Function URL this emulator does not reproduce (never mistaken for AWS behaviour). */
export class FunctionUrlNotEmulatedError extends NotEmulatedError {
  constructor(what: string, hint?: string) {
    super("function-url", what, hint);
  }
}
