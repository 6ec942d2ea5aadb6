// CloudFront Function (runtime cloudfront-js-2.0), viewer request.
//
// Origin Access Control with signing behaviour "always" overwrites the viewer's Authorization
// header with its own SigV4 signature, so the Cognito ID token would never reach the Lambda.
// This copies it to x-forwarded-authorization, the header the handler reads.
// (CloudFront developer guide: functions-event-structure; header names must be lower case.)
// biome-ignore lint/correctness/noUnusedVariables: CloudFront calls the function named handler.
function handler(event) {
  var request = event.request;
  var auth = request.headers.authorization;
  // biome-ignore lint/complexity/useOptionalChain: plain ES5 syntax, accepted by every cloudfront-js runtime.
  if (auth && auth.value) {
    request.headers["x-forwarded-authorization"] = { value: auth.value };
  } else if (request.headers["x-forwarded-authorization"]) {
    // A viewer must not be able to supply the forwarded header directly.
    delete request.headers["x-forwarded-authorization"];
  }
  return request;
}
