/** `npm run config-schema`: rewrites emulator/config/stack-config.schema.json from the zod schema. */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../emulator/config/defaults.js";
import { editorJsonSchema, JSON_SCHEMA_FILE } from "../emulator/config/json-schema.js";

const file = path.join(REPO_ROOT, JSON_SCHEMA_FILE);
writeFileSync(file, `${JSON.stringify(editorJsonSchema(), null, 2)}\n`);
process.stdout.write(`wrote ${JSON_SCHEMA_FILE}\n`);
