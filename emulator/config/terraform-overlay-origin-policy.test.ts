/**
 * The origin request policy and OAC as the Terraform module sets them: a managed policy by id, or the
 * module's own `aws_cloudfront_origin_request_policy` read into its settings; OAC's signing behaviors
 * as the CloudFront API accepts them (API_OriginAccessControlConfig, with `always-amz-auth`).
 */
import { describe, expect, it } from "vitest";
import { load, moduleFixtures } from "./test-support/terraform-module.js";

const fixture = moduleFixtures();

const MODULE_POLICY = `resource "aws_cloudfront_origin_request_policy" "api" {
  name = "chatbot-api"
  headers_config {
    header_behavior = "whitelist"
    headers {
      items = ["Content-Type", "X-Forwarded-Authorization", "CloudFront-Viewer-Country"]
    }
  }
  cookies_config {
    cookie_behavior = "all"
  }
  query_strings_config {
    query_string_behavior = "all"
  }
}

# CloudFront in front of the Function URL`;

const USE_MODULE_POLICY = {
  file: "cloudfront.tf",
  find: "origin_request_policy_id = local.all_viewer_except_host_header_policy_id",
  replace: "origin_request_policy_id = aws_cloudfront_origin_request_policy.api.id",
};

describe("the behavior's origin request policy", () => {
  it("the module's own policy reaches cloudfront.originRequestPolicy with its settings, header names lower case", async () => {
    const dir = await fixture([
      USE_MODULE_POLICY,
      { file: "cloudfront.tf", find: "# CloudFront in front of the Function URL", replace: MODULE_POLICY },
    ]);
    const { cloudfront } = await load(dir);
    expect(cloudfront.originRequestPolicyId).toBe("module:chatbot-api");
    expect(cloudfront.originRequestPolicy).toEqual({
      name: "chatbot-api",
      headerBehavior: "whitelist",
      headers: ["content-type", "x-forwarded-authorization", "cloudfront-viewer-country"],
      cookieBehavior: "all",
      queryStringBehavior: "all",
    });
  });

  it("the module's managed policy leaves originRequestPolicy unset (its settings come from the id)", async () => {
    const { cloudfront } = await load(await fixture([]));
    expect(cloudfront.originRequestPolicyId).toBe("b689b0a8-53d0-40ab-baf2-68738e2966ac");
    expect("originRequestPolicy" in cloudfront).toBe(false);
  });

  it("a header behavior the API does not know is refused with its file and line", async () => {
    const dir = await fixture([
      USE_MODULE_POLICY,
      {
        file: "cloudfront.tf",
        find: "# CloudFront in front of the Function URL",
        replace: MODULE_POLICY.replace('"whitelist"', '"allHeaders"'),
      },
    ]);
    await expect(load(dir)).rejects.toThrow(
      /cloudfront\.tf:\d+: headers_config\.header_behavior "allHeaders" \(one of none, whitelist, allViewer, allViewerAndWhitelistCloudFront, allExcept\)/,
    );
  });
});

describe("OAC signing behavior", () => {
  it("always-amz-auth is read as written (CloudFront's emulator then refuses it as not emulated)", async () => {
    const dir = await fixture([
      {
        file: "cloudfront.tf",
        find: 'signing_behavior                  = "always"',
        replace: 'signing_behavior = "always-amz-auth"',
      },
    ]);
    expect((await load(dir)).cloudfront.oac?.signingBehavior).toBe("always-amz-auth");
  });
});
