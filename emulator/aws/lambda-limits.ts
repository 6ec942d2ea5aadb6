/**
 * Lambda's limits on a response and on the Init phase, shared by the configuration's defaults and the
 * Function URL that enforces them. Sources, read 2026-12-07:
 * - the Runtime Interface Emulator, aws/aws-lambda-runtime-interface-emulator (commit 4fa2157, 2026-01-02):
 *   `internal/lambda/interop/model.go` (MaxPayloadSize, ResponseBandwidthRate, ResponseBandwidthBurstSize),
 *   `internal/lambda/core/directinvoke/util.go` (DefaultRefillIntervalMs);
 * - the Lambda developer guide: configuration-response-streaming ("payloads up to 200 MB"; the first
 *   6 MB uncapped, then at most 2 MBps) and lambda-runtime-environment ("The Init phase is limited to
 *   10 seconds").
 */

const MiB = 1024 * 1024;

/** A buffered response, and the Runtime API's 413 message: 6 MiB + 100 bytes (RIE `MaxPayloadSize`). */
export const MAX_BUFFERED_RESPONSE_BYTES = 6 * MiB + 100;

/**
 * A streamed response: 200 MB since 2025-07-31 (20 MB before). Assumption: MB read as MiB, as RIE's
 * 6 MB buffered limit is 6 MiB (+100 bytes); the guide gives no byte count.
 */
export const MAX_STREAMED_RESPONSE_BYTES = 200 * MiB;

/** RIE's token bucket for a streamed response: a 6 MiB burst, then 2 MiB/s (`interop/model.go`). */
export const RESPONSE_BANDWIDTH_BURST_BYTES = 6 * MiB;
export const RESPONSE_BANDWIDTH_BYTES_PER_SECOND = 2 * MiB;
/** The bucket is refilled every 125 ms (`directinvoke/util.go`, DefaultRefillIntervalMs). */
export const BANDWIDTH_REFILL_INTERVAL_MS = 125;

/** The Init phase's limit; past it, Lambda retries Init in the first invocation under the function timeout. */
export const INIT_TIMEOUT_SECONDS = 10;
