// A container's entry point. Plain JavaScript on purpose: on Node 20 a worker cannot start from a
// .ts entry even with `--import tsx` in execArgv (checked on this machine), while registering tsx
// from inside the worker works for everything imported afterwards (the runtime and a .ts handler).
import { register } from "tsx/esm/api";

register();
await import("./worker-runtime.ts");
