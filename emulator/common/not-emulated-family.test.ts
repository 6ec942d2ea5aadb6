/**
 * One "not emulated" family: each service's own class is a NotEmulatedError naming the service, and
 * keeps what its callers depend on (Cognito's 501 wire form, the Terraform reader's file:line prefix).
 */
import { expect, it } from "vitest";
import { CloudFrontConfigError, CloudFrontNotEmulatedError } from "../cloudfront/errors.js";
import { NotEmulatedError as CognitoNotEmulatedError, toWireError } from "../cognito/errors.js";
import { TerraformNotEmulatedError } from "../terraform/errors.js";
import { NotEmulatedError } from "./not-emulated.js";

it("Cognito's gap is a NotEmulatedError of cognito, answered as 501 NotEmulatedException", () => {
  const error = new CognitoNotEmulatedError("InitiateAuth with AuthFlow CUSTOM_AUTH");
  expect(error).toBeInstanceOf(NotEmulatedError);
  expect(error.service).toBe("cognito");
  expect(error.message).toBe(
    "InitiateAuth with AuthFlow CUSTOM_AUTH is not emulated by the local cognito (emulator/cognito).",
  );
  expect(toWireError(error)).toEqual({
    status: 501,
    type: "NotEmulatedException",
    body: { __type: "NotEmulatedException", message: error.message },
  });
});

it("CloudFront's gap is a NotEmulatedError of cloudfront, not a config error (the setting is valid)", () => {
  const error = new CloudFrontNotEmulatedError("Cache policy x", "Only CachingDisabled is.");
  expect(error).toBeInstanceOf(NotEmulatedError);
  expect(error).not.toBeInstanceOf(CloudFrontConfigError);
  expect(error.service).toBe("cloudfront");
  expect(error.name).toBe("CloudFrontNotEmulatedError");
  expect(error.message).toBe(
    "Cache policy x is not emulated by the local cloudfront (emulator/cloudfront). Only CachingDisabled is.",
  );
});

it("the Terraform reader's gap is a NotEmulatedError of terraform that keeps its file:line prefix", () => {
  const error = new TerraformNotEmulatedError({ file: "terraform/cloudfront.tf", line: 12 }, "an S3 origin");
  expect(error).toBeInstanceOf(NotEmulatedError);
  expect(error.service).toBe("terraform");
  expect(error.what).toBe("an S3 origin");
  expect([error.file, error.line]).toEqual(["terraform/cloudfront.tf", 12]);
  expect(error.message).toBe("terraform/cloudfront.tf:12: not emulated: an S3 origin");
});
