/**
 * Errors of the Terraform reader. Every one names the file and line it is about, so a developer can go
 * straight to the HCL that the emulator could not read or does not emulate.
 */

export interface SourceLocation {
  /** Path of the `.tf` or `.tfvars` file. */
  file: string;
  /** 1-based line. */
  line: number;
}

export abstract class TerraformError extends Error {
  readonly file: string;
  readonly line: number;

  constructor(at: SourceLocation, detail: string) {
    super(`${at.file}:${at.line}: ${detail}`);
    this.name = new.target.name;
    this.file = at.file;
    this.line = at.line;
  }
}

/** HCL that the parser cannot read (syntax error). */
export class TerraformParseError extends TerraformError {}

/** A value the reader cannot work out offline, or one of the wrong shape. */
export class TerraformValueError extends TerraformError {}

/** A setting the offline twin does not emulate; running it anyway would mislead. */
export class TerraformNotEmulatedError extends TerraformError {
  constructor(at: SourceLocation, detail: string) {
    super(at, `not emulated: ${detail}`);
  }
}
