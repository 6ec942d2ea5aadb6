/**
 * One family for "a real AWS or Google behaviour this twin does not reproduce". A gap is never
 * answered as if it were the provider's behaviour, nor silently ignored: it names the service it
 * comes from and what is missing, so the developer knows the emulator (not their code) stopped.
 */
export type EmulatedServiceName = "cloudfront" | "function-url" | "cognito" | "gemini" | "ssm" | "terraform";

/** Where each service's emulation lives, for the message (a developer goes straight there). */
const SOURCE_DIR: Record<EmulatedServiceName, string> = {
  cloudfront: "emulator/cloudfront",
  "function-url": "emulator/function-url",
  cognito: "emulator/cognito",
  gemini: "emulator/gemini",
  ssm: "emulator/ssm",
  terraform: "emulator/terraform",
};

export class NotEmulatedError extends Error {
  constructor(
    readonly service: EmulatedServiceName,
    /** What is missing, e.g. "InitiateAuth with AuthFlow CUSTOM_AUTH". */
    readonly what: string,
    /** What to do instead, if there is something. */
    readonly hint?: string,
    /** Overrides the standard message (for services whose errors carry a location prefix). */
    message?: string,
  ) {
    super(message ?? notEmulatedMessage(service, what, hint));
    this.name = new.target.name;
  }
}

/** `<what> is not emulated by the local <service> (<dir>). <hint>` */
function notEmulatedMessage(service: EmulatedServiceName, what: string, hint?: string): string {
  return `${what} is not emulated by the local ${service} (${SOURCE_DIR[service]}).${hint ? ` ${hint}` : ""}`;
}
