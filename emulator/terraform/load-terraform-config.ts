import { existsSync } from "node:fs";
import path from "node:path";
import { lambdaFunctionArn } from "../aws/arns.js";
import { managedPolicyIdByName } from "../aws/cloudfront-managed-policies.js";
import { distributionArn, functionUrlDomain } from "../config/defaults.js";
import type {
  CloudFrontConfig,
  CorsConfig,
  HttpMethod,
  LambdaAction,
  LambdaLogging,
  LambdaPermission,
  OacSigningBehavior,
  StackConfig,
} from "../config/types.js";
import { type SourceLocation, TerraformNotEmulatedError, TerraformValueError } from "./errors.js";
import {
  Evaluator,
  FileValue,
  isKnown,
  ResourceRef,
  type StandIn,
  toStringValue,
  UnknownValue,
  type Value,
} from "./expression.js";
import { readLambdaLogging } from "./lambda-logging.js";
import {
  type HclBody,
  type HclValue,
  loadTerraformModule,
  nestedBlock,
  type TerraformBlock,
  type TerraformModule,
} from "./module-loader.js";
import { resolveVariables } from "./variables.js";

export interface LoadTerraformOptions {
  /** The Terraform module folder (`terraform/`). */
  dir: string;
  /** Defaults and local-only values; what Terraform describes is laid over it. */
  base: StackConfig;
  /**
   * A tfvars file to use instead of the default pair: `<dir>/environments/local.tfvars` (the offline
   * stack's committed values), then `<dir>/local.tfvars` (a developer's own, git-ignored), each if present.
   */
  tfvarsFile?: string;
}

const HTTP_METHODS: readonly HttpMethod[] = ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"];

/**
 * Reads the Terraform module and lays what it describes over `base`: Terraform is the emulator's source
 * of truth. Values only AWS knows (ARNs, domains, the Cognito stack's outputs) get local stand-ins from
 * `base`. Throws a TerraformError naming file and line for HCL it cannot read or does not emulate.
 *
 * @example
 * const config = await loadTerraformConfig({ dir: path.join(REPO_ROOT, "terraform"), base: defaultConfig() });
 */
export async function loadTerraformConfig(options: LoadTerraformOptions): Promise<StackConfig> {
  const mod = await loadTerraformModule(options.dir);
  const tfvarsFiles = options.tfvarsFile
    ? [options.tfvarsFile]
    : [path.join(options.dir, "environments/local.tfvars"), path.join(options.dir, "local.tfvars")].filter(
        (f) => existsSync(f),
      );
  const variables = await resolveVariables(mod, tfvarsFiles);
  const config = structuredClone(options.base);
  const reader = new ModuleReader(mod, config, variables);
  await reader.read();
  return config;
}

class ModuleReader {
  private readonly evaluator: Evaluator;
  /** The function behind the Function URL, once found. */
  private lambda: TerraformBlock | undefined;

  constructor(
    private readonly mod: TerraformModule,
    private readonly config: StackConfig,
    variables: Awaited<ReturnType<typeof resolveVariables>>,
  ) {
    this.evaluator = new Evaluator({
      moduleDir: mod.dir,
      variables,
      locals: mod.locals,
      standIn: this.standIn,
    });
  }

  async read(): Promise<void> {
    const url = await this.single("aws_lambda_function_url");
    const lambda = await this.lambdaFor(url);
    await this.readLambda(lambda);
    await this.readFunctionUrl(url);
    await this.readPermissions();
    await this.readDistribution();
  }

  // --- Lambda -----------------------------------------------------------------------------------------

  private async lambdaFor(url: TerraformBlock): Promise<TerraformBlock> {
    const name = await this.string(url, ["function_name"]);
    for (const lambda of await this.live("aws_lambda_function")) {
      if ((await this.string(lambda, ["function_name"])) === name) return lambda;
    }
    throw new TerraformNotEmulatedError(
      this.at(url, ["function_name"]),
      `the Function URL's function "${name}" is not an aws_lambda_function of this module`,
    );
  }

  private async readLambda(lambda: TerraformBlock): Promise<void> {
    const fn = this.config.functionUrl;
    fn.functionName = await this.string(lambda, ["function_name"]);
    if ((await this.optional(lambda, ["package_type"])) === "Image") {
      throw new TerraformNotEmulatedError(this.at(lambda, ["package_type"]), "container image functions");
    }
    fn.handler = await this.string(lambda, ["handler"]);
    if (!/^[^.]+(\.[^.]+)+$/.test(fn.handler)) {
      throw new TerraformValueError(
        this.at(lambda, ["handler"]),
        `handler "${fn.handler}" is not <file>.<export>`,
      );
    }
    fn.runtime = await this.string(lambda, ["runtime"]);
    if (!/^nodejs\d+\.x$/.test(fn.runtime)) {
      throw new TerraformNotEmulatedError(
        this.at(lambda, ["runtime"]),
        `runtime ${fn.runtime} (only nodejs*)`,
      );
    }
    // Defaults as the Lambda API sets them when the argument is absent.
    fn.timeoutSeconds = await this.number(lambda, ["timeout"], 3);
    fn.memoryMb = await this.number(lambda, ["memory_size"], 128);
    fn.environment = await this.readEnvironment(lambda);
    fn.logging = await this.readLogging(lambda);
    // One pool for the whole local stack: if Terraform names the pool/client, local Cognito uses them too.
    const poolId = fn.environment.COGNITO_USER_POOL_ID;
    if (poolId) this.config.cognito.userPoolId = poolId;
    const clientId = fn.environment.COGNITO_CLIENT_ID;
    if (clientId) this.config.cognito.clientId = clientId;
    this.lambda = lambda;
  }

  private async readLogging(lambda: TerraformBlock): Promise<LambdaLogging> {
    const present = nestedBlock(lambda.body, "logging_config") !== undefined;
    return readLambdaLogging(present, {
      read: async (name) => {
        const value = await this.optional(lambda, ["logging_config", name]);
        return value === null ? undefined : toStringValue(value);
      },
      at: (name) => this.at(lambda, name ? ["logging_config", name] : ["logging_config"]),
    });
  }

  private async readEnvironment(lambda: TerraformBlock): Promise<Record<string, string>> {
    const envBlock = nestedBlock(lambda.body, "environment");
    if (!envBlock) return {};
    const at = this.at(lambda, ["environment", "variables"]);
    const variables = await this.evaluator.evaluate(envBlock.variables, at);
    if (variables instanceof UnknownValue || variables === null || typeof variables !== "object") {
      throw new TerraformValueError(at, "environment variables must be a map the reader can evaluate");
    }
    const env: Record<string, string> = {};
    for (const [name, value] of Object.entries(variables as Record<string, Value>)) {
      if (isKnown(value)) {
        env[name] = toStringValue(value);
        continue;
      }
      // Only AWS knows it (e.g. the Cognito stack's remote state): the local stack's own value stands in.
      const standIn = this.baseEnvironmentStandIn(name);
      if (standIn === undefined) {
        throw new TerraformValueError(
          this.at(lambda, ["environment", "variables", name]),
          `environment variable ${name} depends on values only AWS knows and has no local stand-in`,
        );
      }
      env[name] = standIn;
    }
    return env;
  }

  private baseEnvironmentStandIn(name: string): string | undefined {
    if (name === "COGNITO_USER_POOL_ID") return this.config.cognito.userPoolId;
    if (name === "COGNITO_CLIENT_ID") return this.config.cognito.clientId;
    return this.config.functionUrl.environment[name];
  }

  // --- Function URL -----------------------------------------------------------------------------------

  private async readFunctionUrl(url: TerraformBlock): Promise<void> {
    const fn = this.config.functionUrl;
    const authType = await this.string(url, ["authorization_type"]);
    if (authType !== "AWS_IAM" && authType !== "NONE") {
      throw new TerraformValueError(this.at(url, ["authorization_type"]), `authorization_type ${authType}`);
    }
    fn.authType = authType;
    const invokeMode = await this.optional(url, ["invoke_mode"]);
    const mode = invokeMode === null ? "BUFFERED" : toStringValue(invokeMode);
    if (mode !== "BUFFERED" && mode !== "RESPONSE_STREAM") {
      throw new TerraformValueError(this.at(url, ["invoke_mode"]), `invoke_mode ${mode}`);
    }
    fn.invokeMode = mode;
    // Lambda developer guide (configuration-response-streaming): no streaming for functions in a VPC.
    const lambda = this.lambda;
    const subnets =
      lambda && nestedBlock(lambda.body, "vpc_config")
        ? await this.optional(lambda, ["vpc_config", "subnet_ids"])
        : null;
    if (lambda && mode === "RESPONSE_STREAM" && Array.isArray(subnets) && subnets.length > 0) {
      throw new TerraformNotEmulatedError(
        this.at(lambda, ["vpc_config"]),
        "a function in a VPC behind a RESPONSE_STREAM Function URL (AWS does not stream from inside a VPC)",
      );
    }
    fn.cors = await this.readCors(url);
  }

  private async readCors(url: TerraformBlock): Promise<CorsConfig | undefined> {
    if (!nestedBlock(url.body, "cors")) return undefined;
    const list = async (name: string) =>
      ((await this.optional(url, ["cors", name])) as Value[] | null)?.map((v) => toStringValue(v)) ?? [];
    const maxAge = await this.number(url, ["cors", "max_age"], 0);
    if (maxAge > 86400)
      throw new TerraformValueError(this.at(url, ["cors", "max_age"]), "max_age above 86400");
    return {
      allowOrigins: await list("allow_origins"),
      allowMethods: await list("allow_methods"),
      allowHeaders: await list("allow_headers"),
      exposeHeaders: await list("expose_headers"),
      allowCredentials: (await this.optional(url, ["cors", "allow_credentials"])) === true,
      maxAge,
    };
  }

  // --- Permissions --------------------------------------------------------------------------------------

  private async readPermissions(): Promise<void> {
    const fn = this.config.functionUrl;
    const functionArn = lambdaFunctionArn(this.config.region, this.config.accountId, fn.functionName);
    const permissions: LambdaPermission[] = [];
    for (const block of await this.live("aws_lambda_permission")) {
      const target = await this.string(block, ["function_name"]);
      if (target !== fn.functionName && target !== functionArn) continue;
      const action = await this.string(block, ["action"]);
      if (!["lambda:InvokeFunctionUrl", "lambda:InvokeFunction", "lambda:*"].includes(action)) {
        throw new TerraformNotEmulatedError(this.at(block, ["action"]), `permission action ${action}`);
      }
      const permission: LambdaPermission = {
        statementId: ((await this.optional(block, ["statement_id"])) as string | null) ?? block.name,
        action: action as LambdaAction | "lambda:*",
        principal: await this.string(block, ["principal"]),
      };
      const sourceArn = await this.optional(block, ["source_arn"]);
      if (sourceArn !== null) permission.sourceArn = toStringValue(sourceArn);
      const authType = await this.optional(block, ["function_url_auth_type"]);
      if (authType === "AWS_IAM" || authType === "NONE") permission.functionUrlAuthType = authType;
      permissions.push(permission);
    }
    fn.permissions = permissions;
  }

  // --- CloudFront -------------------------------------------------------------------------------------

  private async readDistribution(): Promise<void> {
    const dist = await this.single("aws_cloudfront_distribution");
    const cf = this.config.cloudfront;
    for (const unsupported of ["ordered_cache_behavior", "origin_group"]) {
      if (nestedBlock(dist.body, unsupported)) {
        throw new TerraformNotEmulatedError(
          this.at(dist, [unsupported]),
          `${unsupported} (one default behavior only)`,
        );
      }
    }
    const webAcl = await this.evaluator.evaluate(dist.body.web_acl_id, this.at(dist, ["web_acl_id"]));
    if (webAcl !== null) {
      throw new TerraformNotEmulatedError(this.at(dist, ["web_acl_id"]), "AWS WAF on the distribution");
    }
    const origins = Array.isArray(dist.body.origin) ? dist.body.origin : [];
    if (origins.length !== 1) {
      throw new TerraformNotEmulatedError(
        this.at(dist, ["origin"]),
        `${origins.length} origins (exactly one)`,
      );
    }
    const origin = (origins[0] ?? {}) as HclBody;
    if (nestedBlock(origin, "s3_origin_config")) {
      throw new TerraformNotEmulatedError(this.at(dist, ["origin", "s3_origin_config"]), "an S3 origin");
    }
    const domain = await this.evaluator.evaluate(
      origin.domain_name,
      this.at(dist, ["origin", "domain_name"]),
    );
    if (domain !== functionUrlDomain(this.config)) {
      throw new TerraformNotEmulatedError(
        this.at(dist, ["origin", "domain_name"]),
        `origin ${describe(domain)} (the emulated origin is the Function URL)`,
      );
    }
    const custom = nestedBlock(origin, "custom_origin_config");
    const readTimeout = custom?.origin_read_timeout;
    cf.originReadTimeoutSeconds =
      readTimeout === undefined
        ? 30 // CloudFront's default (developer guide, DownloadDistValuesOrigin).
        : Number(
            await this.evaluator.evaluate(readTimeout, this.at(dist, ["origin", "origin_read_timeout"])),
          );
    const oac = await this.readOac(dist, origin);
    if (oac) cf.oac = oac;
    else delete cf.oac;

    const behavior = nestedBlock(dist.body, "default_cache_behavior") ?? {};
    cf.allowedMethods = await this.methods(dist, behavior, "allowed_methods");
    cf.cachedMethods = await this.methods(dist, behavior, "cached_methods");
    cf.cachePolicyId = await this.policyId(dist, behavior, "cache_policy_id");
    cf.originRequestPolicyId = await this.policyId(dist, behavior, "origin_request_policy_id");
    if (behavior.lambda_function_association !== undefined) {
      throw new TerraformNotEmulatedError(
        this.at(dist, ["default_cache_behavior", "lambda_function_association"]),
        "Lambda@Edge associations",
      );
    }
    const viewerRequest = await this.readFunctionAssociation(dist, behavior);
    if (viewerRequest) cf.viewerRequestFunction = viewerRequest;
    else delete cf.viewerRequestFunction;
  }

  private async readOac(dist: TerraformBlock, origin: HclBody): Promise<CloudFrontConfig["oac"]> {
    const at = this.at(dist, ["origin", "origin_access_control_id"]);
    const ref = await this.evaluator.evaluate(origin.origin_access_control_id, at);
    if (ref === null) return undefined;
    const block = await this.referenced(ref, "aws_cloudfront_origin_access_control", at);
    const originType = await this.string(block, ["origin_access_control_origin_type"]);
    if (originType !== "lambda") {
      throw new TerraformNotEmulatedError(
        this.at(block, ["origin_access_control_origin_type"]),
        `OAC origin type ${originType} (only lambda)`,
      );
    }
    const signingBehavior = await this.string(block, ["signing_behavior"]);
    if (!["always", "no-override", "never"].includes(signingBehavior)) {
      throw new TerraformValueError(
        this.at(block, ["signing_behavior"]),
        `signing_behavior ${signingBehavior}`,
      );
    }
    const protocol = await this.string(block, ["signing_protocol"]);
    if (protocol !== "sigv4") {
      throw new TerraformValueError(this.at(block, ["signing_protocol"]), `signing_protocol ${protocol}`);
    }
    return {
      originType: "lambda",
      signingBehavior: signingBehavior as OacSigningBehavior,
      signingProtocol: "sigv4",
    };
  }

  private async readFunctionAssociation(
    dist: TerraformBlock,
    behavior: HclBody,
  ): Promise<CloudFrontConfig["viewerRequestFunction"]> {
    const associations = Array.isArray(behavior.function_association) ? behavior.function_association : [];
    let result: CloudFrontConfig["viewerRequestFunction"];
    for (const association of associations as HclBody[]) {
      const at = this.at(dist, ["default_cache_behavior", "function_association"]);
      const eventType = toStringValue(await this.evaluator.evaluate(association.event_type, at));
      if (eventType !== "viewer-request") {
        throw new TerraformNotEmulatedError(at, `CloudFront Function on ${eventType} (only viewer-request)`);
      }
      const ref = await this.evaluator.evaluate(association.function_arn, at);
      const block = await this.referenced(ref, "aws_cloudfront_function", at);
      const code = await this.evaluator.evaluate(block.body.code, this.at(block, ["code"]));
      if (!(code instanceof FileValue)) {
        throw new TerraformNotEmulatedError(
          this.at(block, ["code"]),
          "inline function code (read it with file() from a .js file)",
        );
      }
      result = {
        name: await this.string(block, ["name"]),
        file: code.path,
        runtime: await this.string(block, ["runtime"]),
      };
    }
    return result;
  }

  private async methods(dist: TerraformBlock, behavior: HclBody, name: string): Promise<HttpMethod[]> {
    const at = this.at(dist, ["default_cache_behavior", name]);
    const value = await this.evaluator.evaluate(behavior[name], at);
    if (!Array.isArray(value)) throw new TerraformValueError(at, `${name} must be a list of methods`);
    return value.map((m) => {
      const method = toStringValue(m).toUpperCase();
      if (!HTTP_METHODS.includes(method as HttpMethod))
        throw new TerraformValueError(at, `unknown method ${method}`);
      return method as HttpMethod;
    });
  }

  private async policyId(dist: TerraformBlock, behavior: HclBody, name: string): Promise<string> {
    const at = this.at(dist, ["default_cache_behavior", name]);
    const value = await this.evaluator.evaluate(behavior[name], at);
    if (typeof value === "string") return value;
    throw new TerraformNotEmulatedError(
      at,
      `${name} ${describe(value)} (a managed policy id or name lookup)`,
    );
  }

  // --- Helpers ------------------------------------------------------------------------------------------

  /** Resources that exist: `count = 0` removes one, as in Terraform; `for_each` is not emulated. */
  private async live(type: string): Promise<TerraformBlock[]> {
    const out: TerraformBlock[] = [];
    for (const block of this.mod.resources.filter((r) => r.type === type)) {
      if (block.body.for_each !== undefined) {
        throw new TerraformNotEmulatedError(
          this.at(block, ["for_each"]),
          `for_each on ${type}.${block.name}`,
        );
      }
      if (block.body.count !== undefined) {
        const count = await this.evaluator.evaluate(block.body.count, this.at(block, ["count"]));
        if (count === 0 || count === false) continue;
        if (count !== 1 && count !== true) {
          throw new TerraformNotEmulatedError(
            this.at(block, ["count"]),
            `count = ${describe(count)} (0 or 1)`,
          );
        }
      }
      out.push(block);
    }
    return out;
  }

  private async single(type: string): Promise<TerraformBlock> {
    const blocks = await this.live(type);
    const [first, second] = blocks;
    if (first && !second) return first;
    const at = second?.at ?? { file: this.mod.files[0] ?? this.mod.dir, line: 1 };
    throw new TerraformNotEmulatedError(at, `${blocks.length} ${type} resources (exactly one)`);
  }

  private async referenced(ref: Value, type: string, at: SourceLocation): Promise<TerraformBlock> {
    if (ref instanceof ResourceRef && ref.type === type) {
      const block = (await this.live(type)).find((b) => b.name === ref.name);
      if (block) return block;
    }
    throw new TerraformNotEmulatedError(
      at,
      `expected a reference to a ${type} of this module, got ${describe(ref)}`,
    );
  }

  private at(block: TerraformBlock, attrPath: string[]): SourceLocation {
    return block.locator.attribute(block.at, attrPath);
  }

  private async optional(block: TerraformBlock, attrPath: string[]): Promise<Value> {
    const raw = lookup(block.body, attrPath);
    if (raw === undefined) return null;
    const value = await this.evaluator.evaluate(raw, this.at(block, attrPath));
    if (!isKnown(value)) {
      throw new TerraformValueError(this.at(block, attrPath), `${attrPath.join(".")} is not known offline`);
    }
    return value;
  }

  private async string(block: TerraformBlock, attrPath: string[]): Promise<string> {
    const value = await this.optional(block, attrPath);
    if (value === null) {
      throw new TerraformValueError(block.at, `${block.type}.${block.name} has no ${attrPath.join(".")}`);
    }
    return toStringValue(value);
  }

  private async number(block: TerraformBlock, attrPath: string[], fallback: number): Promise<number> {
    const value = await this.optional(block, attrPath);
    if (value === null) return fallback;
    const n = Number(value);
    if (!Number.isFinite(n))
      throw new TerraformValueError(this.at(block, attrPath), `${attrPath.join(".")} is not a number`);
    return n;
  }

  /** Local stand-ins for values only AWS knows. */
  private readonly standIn: StandIn = async (ref) => {
    const { config } = this;
    if (ref.kind === "data") {
      if (ref.type === "aws_caller_identity" && ref.attribute === "account_id") return config.accountId;
      if (ref.type === "aws_partition" && ref.attribute === "partition") return "aws";
      if (ref.type === "aws_region" && (ref.attribute === "name" || ref.attribute === "region"))
        return config.region;
      if (
        (ref.type === "aws_cloudfront_cache_policy" || ref.type === "aws_cloudfront_origin_request_policy") &&
        ref.attribute === "id"
      ) {
        const data = this.mod.data.find((d) => d.type === ref.type && d.name === ref.name);
        const name = data?.body.name;
        return typeof name === "string" ? managedPolicyIdByName(name) : undefined;
      }
      return undefined;
    }
    if (ref.type === "aws_cloudfront_distribution") {
      if (ref.attribute === "arn") return distributionArn(config);
      if (ref.attribute === "id") return config.cloudfront.distributionId;
      if (ref.attribute === "domain_name") return config.cloudfront.domainName;
    }
    if (ref.type === "aws_lambda_function" && ref.attribute === "arn") {
      const block = this.mod.resources.find((r) => r.type === ref.type && r.name === ref.name);
      const name = block ? await this.string(block, ["function_name"]) : undefined;
      return name && lambdaFunctionArn(config.region, config.accountId, name);
    }
    if (ref.type === "aws_lambda_function_url") {
      if (ref.attribute === "function_url") return `https://${functionUrlDomain(config)}/`;
      if (ref.attribute === "url_id") return config.functionUrl.urlId;
    }
    // An argument set in the referenced block is known at plan time, as in Terraform.
    const block = this.mod.resources.find((r) => r.type === ref.type && r.name === ref.name);
    const argument = block?.body[ref.attribute];
    if (block && argument !== undefined && !Array.isArray(argument)) {
      return this.evaluator.evaluate(argument, this.at(block, [ref.attribute]));
    }
    return undefined;
  };
}

function lookup(body: HclBody, attrPath: string[]): HclValue | undefined {
  let current: HclValue | undefined = body;
  for (const [i, name] of attrPath.entries()) {
    if (current === null || typeof current !== "object" || Array.isArray(current)) return undefined;
    current = (current as Record<string, HclValue>)[name];
    // Nested blocks come as a list of bodies; attributes after them address the first.
    if (Array.isArray(current) && i < attrPath.length - 1) current = current[0];
  }
  return current;
}

function describe(value: Value): string {
  if (value instanceof ResourceRef) return `${value.type}.${value.name}.${value.attribute}`;
  if (value instanceof UnknownValue) return `${value.expression} (only known to AWS)`;
  if (value instanceof FileValue) return `file(${value.path})`;
  return JSON.stringify(value);
}
