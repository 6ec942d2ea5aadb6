/** Known answers for the toolkit's AWS names, each written out as its source gives it (see README.md). */
import { expect, it } from "vitest";
import {
  assumedRoleArn,
  cloudFrontDistributionArn,
  iamRoleArn,
  kmsKeyArn,
  lambdaFunctionArn,
  ssmParameterArn,
} from "./arns.js";
import { managedPolicyIdByName } from "./cloudfront-managed-policies.js";
import { lambdaReservedEnvironment } from "./lambda-environment.js";

it("builds ARNs as the Service Authorization Reference spells them (CloudFront's has no region)", () => {
  expect(lambdaFunctionArn("us-east-1", "123456789012", "chatbot-query")).toBe(
    "arn:aws:lambda:us-east-1:123456789012:function:chatbot-query",
  );
  expect(cloudFrontDistributionArn("123456789012", "ELOCALCHATBOT1")).toBe(
    "arn:aws:cloudfront::123456789012:distribution/ELOCALCHATBOT1",
  );
});

it("resolves managed policies by their Managed- name, and nothing else (CloudFront managed policy pages)", () => {
  expect(managedPolicyIdByName("Managed-CachingDisabled")).toBe("4135ea2d-6df8-44a3-9df3-4b5a84be39ad");
  expect(managedPolicyIdByName("Managed-CachingOptimized")).toBe("658327ea-f89d-4fab-a63d-7e88639e58f6");
  expect(managedPolicyIdByName("Managed-AllViewerExceptHostHeader")).toBe(
    "b689b0a8-53d0-40ab-baf2-68738e2966ac",
  );
  expect(managedPolicyIdByName("Managed-AllViewer")).toBe("216adef6-5c7f-47e4-b989-5492eafa07d3");
  expect(managedPolicyIdByName("CachingDisabled")).toBeUndefined();
});

it("defines Lambda's variables (developer guide, configuration-envvars; a recorded environment)", () => {
  const credentials = { accessKeyId: "ASIAEXAMPLE000000001", secretAccessKey: "s", sessionToken: "t" };
  expect(
    lambdaReservedEnvironment({
      region: "eu-west-1",
      functionName: "fn",
      memoryMb: 512,
      runtime: "nodejs24.x",
      credentials,
    }),
  ).toEqual({
    AWS_REGION: "eu-west-1",
    AWS_DEFAULT_REGION: "eu-west-1",
    AWS_EXECUTION_ENV: "AWS_Lambda_nodejs24.x",
    AWS_LAMBDA_FUNCTION_NAME: "fn",
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "512",
    AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
    AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
    AWS_LAMBDA_LOG_GROUP_NAME: "/aws/lambda/fn",
    AWS_ACCESS_KEY_ID: "ASIAEXAMPLE000000001",
    AWS_ACCESS_KEY: "ASIAEXAMPLE000000001",
    AWS_SECRET_ACCESS_KEY: "s",
    AWS_SESSION_TOKEN: "t",
    AWS_XRAY_CONTEXT_MISSING: "LOG_ERROR",
    AWS_XRAY_DAEMON_ADDRESS: "169.254.79.129:2000",
    _AWS_XRAY_DAEMON_ADDRESS: "169.254.79.129",
    _AWS_XRAY_DAEMON_PORT: "2000",
  });
});

it("builds the ARNs SSM and IAM name: a parameter (with or without its leading slash), a role session", () => {
  expect(ssmParameterArn("us-east-1", "123456789012", "/chatbot/gemini-api-key")).toBe(
    "arn:aws:ssm:us-east-1:123456789012:parameter/chatbot/gemini-api-key",
  );
  expect(ssmParameterArn("us-east-1", "123456789012", "plain")).toBe(
    "arn:aws:ssm:us-east-1:123456789012:parameter/plain",
  );
  expect(assumedRoleArn("123456789012", "chatbot-query-execution", "chatbot-query")).toBe(
    "arn:aws:sts::123456789012:assumed-role/chatbot-query-execution/chatbot-query",
  );
  expect(iamRoleArn("123456789012", "r")).toBe("arn:aws:iam::123456789012:role/r");
  expect(kmsKeyArn("us-east-1", "123456789012", "k")).toBe("arn:aws:kms:us-east-1:123456789012:key/k");
});
