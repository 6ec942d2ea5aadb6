import { randomBytes } from "node:crypto";

/**
 * A name beside `file` for writing it whole before renaming it into place. Unique per call, not only
 * per process: two stacks in one process (a test file's stacks started side by side) may write the
 * same file at the same moment, and with one shared temporary name the first rename would take the
 * file from under the second writer (its rename then fails, or it renames a file the first is still
 * writing).
 */
export function tempNameFor(file: string): string {
  return `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
}
