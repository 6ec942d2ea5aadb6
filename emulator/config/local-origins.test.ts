import { expect, it } from "vitest";
import { defaultConfig } from "./defaults.js";
import { loadStackConfig } from "./load.js";
import { followPlayground } from "./local-origins.js";

const cors = () => {
  const value = defaultConfig().functionUrl.cors;
  if (!value) throw new Error("the default config has CORS");
  return value;
};

it("moves the pinned loopback playground origins to the playground's port", () => {
  expect(followPlayground(cors(), 15173).allowOrigins).toEqual([
    "http://127.0.0.1:15173",
    "http://localhost:15173",
  ]);
});

it("leaves explicit origins, the pinned port and an unbound port (0) alone", () => {
  const custom = { ...cors(), allowOrigins: ["https://solve.example.com", "http://127.0.0.1:3000", "*"] };
  expect(followPlayground(custom, 15173).allowOrigins).toEqual(custom.allowOrigins);
  expect(followPlayground(cors(), 5173).allowOrigins).toEqual(cors().allowOrigins);
  expect(followPlayground(cors(), 0).allowOrigins).toEqual(cors().allowOrigins);
});

// Regression: with PLAYGROUND_PORT=15173 the browser's chat was refused by CORS because the allowed
// origins stayed at the pinned 5173 of terraform/environments/local.tfvars.
it("PLAYGROUND_PORT moves the Function URL's allowed origins with the playground", async () => {
  const config = await loadStackConfig({ env: { PLAYGROUND_PORT: "15173" }, file: "" });
  expect(config.functionUrl.cors?.allowOrigins).toEqual(["http://127.0.0.1:15173", "http://localhost:15173"]);
});
