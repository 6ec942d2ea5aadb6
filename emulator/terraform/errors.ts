/**
 * Errors of the Terraform reader. Every one names the file and line it is about, so a developer can go
 * straight to the HCL that the emulator could not read or does not emulate.
 */
import { NotEmulatedError } from "../common/not-emulated.js";

export interface SourceLocation {
  /** Path of the `.tf` or `.tfvars` file. */
  file: string;
  /** 1-based line. */
  line: number;
}

/** `<file>:<line>: <detail>`, the prefix every error of the reader carries. */
function located(at: SourceLocation, detail: string): string {
  return `${at.file}:${at.line}: ${detail}`;
}

/** HCL the reader cannot read or values it cannot use (`TerraformNotEmulatedError` is the third kind). */
export abstract class TerraformError extends Error {
  readonly file: string;
  readonly line: number;

  constructor(at: SourceLocation, detail: string) {
    super(located(at, detail));
    this.name = new.target.name;
    this.file = at.file;
    this.line = at.line;
  }
}

/** HCL that the parser cannot read (syntax error). */
export class TerraformParseError extends TerraformError {}

/** A value the reader cannot work out offline, or one of the wrong shape. */
export class TerraformValueError extends TerraformError {}

/**
 * A setting the offline twin does not emulate; running it anyway would mislead. One of the emulator's
 * "not emulated" family (`shared/not-emulated.ts`), with the reader's `<file>:<line>: ` prefix.
 */
export class TerraformNotEmulatedError extends NotEmulatedError {
  readonly file: string;
  readonly line: number;

  constructor(at: SourceLocation, detail: string) {
    super("terraform", detail, undefined, located(at, `not emulated: ${detail}`));
    this.file = at.file;
    this.line = at.line;
  }
}
