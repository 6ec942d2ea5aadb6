// A plain (not streamified) handler behind a RESPONSE_STREAM URL; its return value follows the
// Function URL response format (urls-invocation.html).
export const handler = async () => ({
  statusCode: 202,
  headers: { "content-type": "text/plain" },
  cookies: ["c=3"],
  body: "buffered body",
});
