/**
 * Every error the emulated CloudFront raises, in one place.
 *
 * `CloudFrontConfigError` marks a distribution the real CloudFront API would refuse (or that the
 * emulator cannot load); `CloudFrontNotEmulatedError` marks a valid AWS setting this emulator does not
 * reproduce, so a gap is never mistaken for AWS behaviour. It belongs to the emulator's one "not
 * emulated" family (`shared/not-emulated.ts`), not to the config errors: the setting is valid.
 */
import { NotEmulatedError } from "../common/not-emulated.js";

export abstract class CloudFrontError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The distribution settings are invalid; thrown by `createCloudFrontServer` before it listens. */
export class CloudFrontConfigError extends CloudFrontError {}

/**
 * A valid CloudFront setting that the emulator does not reproduce; thrown before it listens.
 *
 * @example throw new CloudFrontNotEmulatedError("Cache policy 658327ea-...", "Only CachingDisabled is.");
 */
export class CloudFrontNotEmulatedError extends NotEmulatedError {
  constructor(what: string, hint?: string) {
    super("cloudfront", what, hint);
  }
}

/** The viewer-request CloudFront Function threw (the viewer gets 503). */
export class CloudFrontFunctionExecutionError extends CloudFrontError {}

/** The function used up its compute budget and was stopped (the viewer gets 503). */
export class CloudFrontFunctionThrottledError extends CloudFrontFunctionExecutionError {}

/**
 * The function returned something CloudFront refuses: a read-only or disallowed header changed, a header
 * name not in lower case, an invalid status (edge-functions-restrictions: the viewer gets 502).
 */
export class CloudFrontFunctionValidationError extends CloudFrontFunctionExecutionError {}
