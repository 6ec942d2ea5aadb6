import { expect, it } from "vitest";
import { defaultConfig } from "../config/defaults.js";
import { describeNotEmulated, describeTerraformLinks } from "./links.js";

it("every documented link lands on a real StackConfig field", () => {
  const config = defaultConfig() as unknown as Record<string, Record<string, unknown>>;
  const links = describeTerraformLinks();
  expect(links.length).toBeGreaterThan(10);
  for (const link of links) {
    for (const target of link.config.split(" / ")) {
      const [section, field] = target.split(".");
      expect(config[section ?? ""], target).toBeDefined();
      expect(field && Object.hasOwn(config[section ?? ""] ?? {}, field), target).toBe(true);
    }
  }
});

it("lists what is refused rather than ignored", () => {
  expect(describeNotEmulated().join("\n")).toMatch(/VPC/);
});
