/**
 * `awslambda.InvokeStore` as RIC 4.0.2 installs it (its bundled `@aws/lambda-invoke-store`, single
 * concurrency): the current invocation's request id and X-Ray trace id, read by the AWS SDK and by
 * Powertools. A copy, so the worker runtime shows a handler the same global.
 */
const PROTECTED_KEYS = {
  REQUEST_ID: Symbol.for("_AWS_LAMBDA_REQUEST_ID"),
  X_RAY_TRACE_ID: Symbol.for("_AWS_LAMBDA_X_RAY_TRACE_ID"),
  TENANT_ID: Symbol.for("_AWS_LAMBDA_TENANT_ID"),
};

type Context = Record<string | symbol, unknown>;

class InvokeStoreSingle {
  static PROTECTED_KEYS = PROTECTED_KEYS;
  private currentContext?: Context;

  isProtectedKey(key: string | symbol): boolean {
    return Object.values(PROTECTED_KEYS).includes(key as symbol);
  }
  getRequestId(): string {
    return (this.get(PROTECTED_KEYS.REQUEST_ID) as string | undefined) ?? "-";
  }
  getXRayTraceId(): unknown {
    return this.get(PROTECTED_KEYS.X_RAY_TRACE_ID);
  }
  getTenantId(): unknown {
    return this.get(PROTECTED_KEYS.TENANT_ID);
  }
  getContext(): Context | undefined {
    return this.currentContext;
  }
  hasContext(): boolean {
    return this.currentContext !== undefined;
  }
  get(key: string | symbol): unknown {
    return this.currentContext?.[key];
  }
  set(key: string | symbol, value: unknown): void {
    if (this.isProtectedKey(key))
      throw new Error(`Cannot modify protected Lambda context field: ${String(key)}`);
    this.currentContext = this.currentContext ?? {};
    this.currentContext[key] = value;
  }
  run<T>(context: Context, fn: () => T): T {
    this.currentContext = context;
    return fn();
  }
}

/** Installs the store on `globalThis.awslambda` (as RIC does before loading the handler). */
export function installInvokeStore(): InvokeStoreSingle {
  const g = globalThis as { awslambda?: { InvokeStore?: InvokeStoreSingle } };
  g.awslambda = g.awslambda ?? {};
  g.awslambda.InvokeStore ??= new InvokeStoreSingle();
  return g.awslambda.InvokeStore;
}

/** RIC `runWithInvokeContext`: the invocation's ids, for as long as the next one has not started. */
export function invocationContext(requestId: string, traceId: string | undefined): Context {
  return { [PROTECTED_KEYS.REQUEST_ID]: requestId, [PROTECTED_KEYS.X_RAY_TRACE_ID]: traceId };
}
