/** Identity-policy evaluation against IAM's rules (IAM user guide, "Policy evaluation logic", "Condition operators"). */
import { expect, it } from "vitest";
import {
  accessDeniedMessage,
  arnLike,
  evaluateIdentityPolicy,
  IamConditionNotEmulated,
  type IamStatement,
} from "./iam-policy.js";

const KEY = "arn:aws:kms:us-east-1:123456789012:key/k1";
const VIA_SSM = { "kms:ViaService": "ssm.us-east-1.amazonaws.com" };

it("matches actions case-insensitively with wildcards, resources as ArnLike", () => {
  const s: IamStatement[] = [
    { Effect: "Allow", Action: "SSM:Get*", Resource: "arn:aws:ssm:*:123456789012:parameter/chatbot/*" },
  ];
  expect(
    evaluateIdentityPolicy(s, "ssm:GetParameter", "arn:aws:ssm:us-east-1:123456789012:parameter/chatbot/k"),
  ).toBe("allow");
  expect(
    evaluateIdentityPolicy(s, "ssm:PutParameter", "arn:aws:ssm:us-east-1:123456789012:parameter/chatbot/k"),
  ).toBe("none");
  expect(
    evaluateIdentityPolicy(s, "ssm:GetParameter", "arn:aws:ssm:us-east-1:123456789012:parameter/other"),
  ).toBe("none");
  expect(arnLike("arn:aws:s3:::b?", "arn:aws:s3:::b1")).toBe(true);
  expect(arnLike("arn:aws:s3:::b?", "arn:aws:s3:::b12")).toBe(false);
});

it("an explicit Deny wins; nothing matching is an implicit deny", () => {
  const s: IamStatement[] = [
    { Effect: "Allow", Action: "*", Resource: "*" },
    { Effect: "Deny", Action: "kms:Decrypt", Resource: KEY },
  ];
  expect(evaluateIdentityPolicy(s, "kms:Decrypt", KEY, VIA_SSM)).toBe("deny");
  expect(evaluateIdentityPolicy([], "kms:Decrypt", KEY)).toBe("none");
});

it("conditions: every key must hold, any value of a key; negated operators need no value to match", () => {
  const allow = (Condition: IamStatement["Condition"]): IamStatement[] => [
    { Effect: "Allow", Action: "kms:Decrypt", Resource: KEY, Condition },
  ];
  const viaEither = {
    StringEquals: { "kms:ViaService": ["ssm.eu-west-1.amazonaws.com", "ssm.us-east-1.amazonaws.com"] },
  };
  expect(evaluateIdentityPolicy(allow(viaEither), "kms:Decrypt", KEY, VIA_SSM)).toBe("allow");
  expect(
    evaluateIdentityPolicy(
      allow({ StringEquals: { "KMS:VIASERVICE": "ssm.us-east-1.amazonaws.com" } }),
      "kms:Decrypt",
      KEY,
      VIA_SSM,
    ),
  ).toBe("allow");
  expect(
    evaluateIdentityPolicy(allow({ StringLike: { "kms:ViaService": "ssm.*" } }), "kms:Decrypt", KEY, VIA_SSM),
  ).toBe("allow");
  expect(
    evaluateIdentityPolicy(
      allow({ StringNotEquals: { "kms:ViaService": ["ssm.us-east-1.amazonaws.com"] } }),
      "kms:Decrypt",
      KEY,
      VIA_SSM,
    ),
  ).toBe("none");
  const both = {
    StringEquals: { "kms:ViaService": "ssm.us-east-1.amazonaws.com", "kms:CallerAccount": "999999999999" },
  };
  expect(
    evaluateIdentityPolicy(allow(both), "kms:Decrypt", KEY, {
      ...VIA_SSM,
      "kms:CallerAccount": "123456789012",
    }),
  ).toBe("none");
});

it("ARN and case-insensitive operators compare as IAM's operator table says", () => {
  const ctx = {
    ...VIA_SSM,
    "kms:EncryptionContext:PARAMETER_ARN": "arn:aws:ssm:us-east-1:123456789012:parameter/chatbot/k",
  };
  const holds = (Condition: IamStatement["Condition"]) =>
    evaluateIdentityPolicy(
      [{ Effect: "Allow", Action: "kms:Decrypt", Resource: KEY, Condition }],
      "kms:Decrypt",
      KEY,
      ctx,
    );
  const PARAM = "kms:EncryptionContext:PARAMETER_ARN";
  expect(holds({ ArnLike: { [PARAM]: "arn:aws:ssm:*:123456789012:parameter/chatbot/*" } })).toBe("allow");
  expect(holds({ ArnEquals: { [PARAM]: "arn:aws:ssm:us-east-1:123456789012:parameter/chatbot/k" } })).toBe(
    "allow",
  );
  expect(holds({ ArnNotEquals: { [PARAM]: "arn:aws:ssm:us-east-1:123456789012:parameter/chatbot/k" } })).toBe(
    "none",
  );
  expect(holds({ ArnNotLike: { [PARAM]: "arn:aws:ssm:*:*:parameter/other/*" } })).toBe("allow");
  expect(holds({ StringNotLike: { "kms:ViaService": "ec2.*" } })).toBe("allow");
  expect(holds({ StringEqualsIgnoreCase: { "kms:ViaService": "SSM.US-EAST-1.AMAZONAWS.COM" } })).toBe(
    "allow",
  );
});

it("a condition key the request does not carry here, or an operator not modelled, is refused by name", () => {
  const s: IamStatement[] = [
    {
      Sid: "Net",
      Effect: "Allow",
      Action: "kms:Decrypt",
      Resource: KEY,
      Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } },
    },
  ];
  expect(() => evaluateIdentityPolicy(s, "kms:Decrypt", KEY, VIA_SSM)).toThrow(IamConditionNotEmulated);
  expect(() => evaluateIdentityPolicy(s, "kms:Decrypt", KEY, VIA_SSM)).toThrow(
    "condition operator IpAddress (statement Net)",
  );
  const key: IamStatement[] = [
    {
      Effect: "Allow",
      Action: "kms:Decrypt",
      Resource: KEY,
      Condition: { StringEquals: { "aws:SourceVpce": "v" } },
    },
  ];
  expect(() => evaluateIdentityPolicy(key, "kms:Decrypt", KEY, VIA_SSM)).toThrow(
    /condition key aws:SourceVpce/,
  );
  // A statement that does not apply is not evaluated at all.
  expect(evaluateIdentityPolicy(s, "ssm:GetParameter", "arn:aws:ssm:us-east-1:1:parameter/x")).toBe("none");
});

it("words the refusal as IAM does for each kind of deny", () => {
  const who = "arn:aws:sts::123456789012:assumed-role/r/f";
  expect(accessDeniedMessage(who, "ssm:GetParameter", "arn:x", "none")).toBe(
    `User: ${who} is not authorized to perform: ssm:GetParameter on resource: arn:x because no identity-based policy allows the ssm:GetParameter action`,
  );
  expect(accessDeniedMessage(who, "ssm:GetParameter", "arn:x", "deny")).toBe(
    `User: ${who} is not authorized to perform: ssm:GetParameter on resource: arn:x with an explicit deny in an identity-based policy`,
  );
});
