/**
 * What `npm run serve -- <service>` prints once the service listens, after its address: what a
 * developer running that one service needs to point a client at it.
 */
import { functionUrlDomain } from "../config/defaults.js";
import { stackFunctions } from "../config/functions.js";
import { listedModels } from "../gemini/catalogue.js";
import { stackParameters } from "../ssm/parameters.js";
import type { RunningStack } from "../stack/running-stack.js";
import type { ServiceName } from "../stack/service-startup.js";
import { runtimeLine } from "./runtime-line.js";
import { stackMap } from "./stack-banner.js";

export function serviceBanner(service: ServiceName, stack: RunningStack): string[] {
  const { config } = stack;
  const url = stack.urls[service] ?? "";
  switch (service) {
    case "cognito": {
      const { userPoolId, clientId, users } = config.cognito;
      return [
        `user pool ${userPoolId}, app client ${clientId}, issuer ${stack.cognito?.issuer}`,
        `JWKS ${url}/${userPoolId}/.well-known/jwks.json`,
        ...users.map((u) => `user ${u.username} / ${u.password}`),
      ];
    }
    case "gemini":
      return [
        `models: ${listedModels(new Date())
          .map((row) => row.id)
          .join(", ")} (docs/lifecycle.md)`,
        `POST ${url}/v1beta/models/{model}:streamGenerateContent?alt=sse   key: x-goog-api-key`,
        `GET|DELETE ${url}/_stub/requests   GET|PUT ${url}/_stub/scenario`,
      ];
    case "ssm": {
      const parameters = stackParameters(config, new Date()).map((p) => p.name);
      return [
        `POST ${url}/ with X-Amz-Target: AmazonSSM.GetParameter (AWS JSON 1.1, SigV4 service ssm); a function's AWS_ENDPOINT_URL_SSM`,
        parameters.length > 0
          ? `parameter ${parameters.join(", ")} (SecureString), readable by the role ${config.functionUrl.executionRole.name} as its policy allows`
          : "no parameter declared",
      ];
    }
    case "functionUrl":
      return [
        ...stackFunctions(config).map(
          (fn) =>
            `virtual host ${functionUrlDomain(config, fn)}   ${fn.functionName} (${fn.authType}, ${fn.invokeMode})`,
        ),
        `Lambda runtime ${runtimeLine(config.functionUrl.containerRuntime ?? "worker", config.functionUrl.runtime)}`,
      ];
    case "cloudfront":
      return [
        `origin ${config.functionUrl.host}:${config.functionUrl.port} (the Function URL service)`,
        ...stackMap(config, {
          cloudfront: url,
          functionUrl: `http://${config.functionUrl.host}:${config.functionUrl.port}`,
        }).map((line) => line.trim()),
      ];
    case "playground":
      return [];
  }
}
