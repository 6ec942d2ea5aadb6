// A streaming handler that is not async: the managed runtime refuses it at invocation
// ("Streaming does not support non-async handlers.", RIC streaming-invoke-processor).
export const handler = awslambda.streamifyResponse((_event, _responseStream) => undefined);
