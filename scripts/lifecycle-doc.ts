/** Rewrites docs/lifecycle.md from the lifecycle table (`npm run lifecycle`). */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { LIFECYCLE_DOC, renderLifecycleDoc } from "../emulator/common/lifecycle/render.js";

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(LIFECYCLE_DOC, renderLifecycleDoc());
  console.log(`wrote ${path.relative(process.cwd(), LIFECYCLE_DOC)}`);
}
