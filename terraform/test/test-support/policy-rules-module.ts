/**
 * Policy rules on the module as a whole: its state backend, the execution role's policy documents and
 * the AWS provider pin.
 */
import type { Value } from "../../../emulator/terraform/expression.js";
import type { PolicyRule } from "./policy-rule.js";

export const stateBackend: PolicyRule = {
  id: "state-backend",
  title: "state in S3 under chatbot/terraform.tfstate, with locking",
  async check(m) {
    const backend = m.mod.backend;
    if (backend?.type !== "s3") return ["no s3 backend"];
    const out: string[] = [];
    if (backend.body.key !== "chatbot/terraform.tfstate") out.push(`backend key ${String(backend.body.key)}`);
    if (backend.body.use_lockfile !== true && !backend.body.dynamodb_table)
      out.push("backend has no state locking");
    return out;
  },
};

export const executionRoleScoped: PolicyRule = {
  id: "execution-role-scoped",
  title: "execution role names its actions and resources (no wildcards beyond the log streams)",
  async check(m) {
    const out: string[] = [];
    for (const doc of m.data("aws_iam_policy_document")) {
      const statements = ((await m.value(doc, ["statement"])) ?? []) as Record<string, Value>[];
      for (const statement of statements) {
        const label = `${doc.name}/${String(statement.sid ?? "statement")}`;
        for (const action of (statement.actions ?? []) as Value[]) {
          if (typeof action === "string" && action.includes("*")) out.push(`${label}: action ${action}`);
        }
        for (const resource of (statement.resources ?? []) as Value[]) {
          if (typeof resource === "string" && resource.includes("*"))
            out.push(`${label}: resource ${resource}`);
        }
      }
    }
    return out;
  },
};

export const providerPinned: PolicyRule = {
  id: "provider-pinned",
  title: "AWS provider pinned to the 6.x major version",
  async check(m) {
    const aws = m.mod.requiredProviders.aws;
    if (!aws) return ["aws provider not in required_providers"];
    const out: string[] = [];
    if (aws.source !== "hashicorp/aws") out.push(`aws source ${String(aws.source)}`);
    if (typeof aws.version !== "string" || !/^~>\s*6\.\d+(\.\d+)?$/.test(aws.version)) {
      out.push(`aws version ${String(aws.version)} is not pinned to 6.x with ~>`);
    }
    return out;
  },
};
