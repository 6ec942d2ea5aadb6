/**
 * Debian's Chromium for the browser tests (playwright-core cannot download browsers here;
 * docs/platform-facts.md#chromium-for-the-browser-tests),
 * with the flags it needs on these machines, and where screenshots go.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { type Browser, chromium } from "playwright-core";
import { REPO_ROOT } from "../../emulator/config/defaults.js";
import { canRun } from "./ci.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * The flags Debian Chromium needs on these machines (docs/platform-facts.md#chromium-for-the-browser-tests).
 */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Screenshots of the browser tests (git-ignored artifacts). */
export const ARTIFACTS = path.join(REPO_ROOT, "test-results/e2e");

/** Whether `label` can run: false (skip, reason printed) without Chromium, a failure under a truthy CI. */
export function chromiumAvailable(label: string): boolean {
  return canRun(
    label,
    existsSync(CHROMIUM)
      ? undefined
      : `Chromium not found at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`,
  );
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}
