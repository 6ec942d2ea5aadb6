import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { copyModule, MODULE_DIR, type ModuleEdit } from "./test-support/module-fixture.js";
import { loadPolicyModule, type PolicyModule } from "./test-support/policy-module.js";
import { POLICY_RULES } from "./test-support/policy-rules.js";

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures");

interface Fixture {
  breaks: string;
  /** Text one of the rule's violations must contain, so a fixture cannot pass by breaking another check. */
  expect: string;
  edits: ModuleEdit[];
  /** The day the rule runs on (ISO date), for rules about lifecycles; default today. */
  today?: string;
}

// `<rule id>` breaks a rule's main check; `<rule id>--<variant>` breaks another part of the same rule.
const FIXTURE_FOLDERS = readdirSync(FIXTURES).sort();
const fixturesOf = (ruleId: string) =>
  FIXTURE_FOLDERS.filter((folder) => folder === ruleId || folder.startsWith(`${ruleId}--`));

function readFixture(id: string): Fixture {
  const fixture = JSON.parse(readFileSync(path.join(FIXTURES, id, "edit.json"), "utf8")) as Fixture;
  // A key-shaped value made now, so no secret-looking literal is committed.
  const fakeKey = `AIza${randomBytes(27).toString("base64url").slice(0, 35)}`;
  for (const edit of fixture.edits)
    edit.replace = edit.replace.replace("{{GENERATED_GOOGLE_API_KEY}}", fakeKey);
  return fixture;
}

let real: PolicyModule;
const cleanups: (() => Promise<void>)[] = [];
beforeAll(async () => {
  real = await loadPolicyModule(MODULE_DIR);
});
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

for (const rule of POLICY_RULES) {
  it(`policy: ${rule.title}`, async () => {
    expect(await rule.check(real, { today: new Date() })).toEqual([]);
  });

  for (const id of fixturesOf(rule.id)) {
    it(`policy: ${rule.title} — fails on fixtures/${id}`, async () => {
      const fixture = readFixture(id);
      const copy = await copyModule(fixture.edits);
      cleanups.push(copy.remove);
      const today = fixture.today ? new Date(`${fixture.today}T12:00:00Z`) : new Date();
      const violations = await rule.check(await loadPolicyModule(copy.dir), { today });
      expect(violations.length, `expected "${fixture.breaks}" to break the rule`).toBeGreaterThan(0);
      expect(violations.join("\n")).toContain(fixture.expect);
    });
  }
}

it("every fixture folder belongs to a rule, and every rule has one", () => {
  const owned = POLICY_RULES.flatMap((r) => fixturesOf(r.id));
  expect(FIXTURE_FOLDERS).toEqual([...owned].sort());
  for (const rule of POLICY_RULES) expect(FIXTURE_FOLDERS).toContain(rule.id);
});
