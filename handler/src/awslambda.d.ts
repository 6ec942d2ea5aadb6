// The Lambda Node.js runtime provides the `awslambda` global (streamifyResponse, HttpResponseStream).
// Its types come from @types/aws-lambda, which declares that global; referencing them here (instead
// of redeclaring) avoids duplicate-declaration clashes with other code that imports "aws-lambda".
// Source: aws/aws-lambda-nodejs-runtime-interface-client; docs config-rs-write-functions.
/// <reference types="aws-lambda" />
