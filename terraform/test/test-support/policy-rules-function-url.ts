/**
 * Policy rules on how the Function URL is reached: IAM authorization, response streaming, and the two
 * permissions that let CloudFront (and only this distribution) invoke it.
 */
import { isRef, type PolicyRule } from "./policy-rule.js";

export const functionUrlAuthType: PolicyRule = {
  id: "function-url-auth-type",
  title: "Function URL uses AWS_IAM authorization",
  async check(m) {
    const urls = m.resources("aws_lambda_function_url");
    if (urls.length === 0) return ["no aws_lambda_function_url"];
    const out: string[] = [];
    for (const url of urls) {
      const auth = await m.value(url, ["authorization_type"]);
      if (auth !== "AWS_IAM") out.push(`${url.name}: authorization_type ${String(auth)}`);
    }
    return out;
  },
};

export const functionUrlInvokeMode: PolicyRule = {
  id: "function-url-invoke-mode",
  title: "Function URL streams (invoke_mode RESPONSE_STREAM)",
  async check(m) {
    const urls = m.resources("aws_lambda_function_url");
    if (urls.length === 0) return ["no aws_lambda_function_url"];
    const out: string[] = [];
    for (const url of urls) {
      const mode = await m.value(url, ["invoke_mode"]);
      if (mode !== "RESPONSE_STREAM") out.push(`${url.name}: invoke_mode ${String(mode)}`);
    }
    return out;
  },
};

export const lambdaPermissions: PolicyRule = {
  id: "lambda-permissions",
  title: "CloudFront has lambda:InvokeFunctionUrl and lambda:InvokeFunction, each bound to the distribution",
  async check(m) {
    const out: string[] = [];
    for (const action of ["lambda:InvokeFunctionUrl", "lambda:InvokeFunction"]) {
      const matches = [];
      for (const p of m.resources("aws_lambda_permission")) {
        if ((await m.value(p, ["action"])) === action) matches.push(p);
      }
      if (matches.length === 0) out.push(`no permission for ${action}`);
      for (const p of matches) {
        if ((await m.value(p, ["principal"])) !== "cloudfront.amazonaws.com") {
          out.push(`${p.name}: principal is not cloudfront.amazonaws.com`);
        }
        if (!isRef(await m.value(p, ["source_arn"]), "aws_cloudfront_distribution", "arn")) {
          out.push(`${p.name}: source_arn is not the distribution's ARN`);
        }
        if (
          action === "lambda:InvokeFunctionUrl" &&
          (await m.value(p, ["function_url_auth_type"])) !== "AWS_IAM"
        ) {
          out.push(`${p.name}: function_url_auth_type is not AWS_IAM`);
        }
      }
    }
    return out;
  },
};
