# syntax=docker/dockerfile:1
# career-framework-api: build with `docker build -t career-framework-api .`

# Pinned to an exact Node 24 LTS release on Debian 13 (trixie) so a rebuild does not change the
# runtime under you; .ci/run reads the version from this line to run the tests on it too.
ARG NODE_IMAGE=node:24.22.3-trixie-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
# GraphiQL's bundle embeds the example operations
COPY examples ./examples
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    CONTENT_DIR=/app/content
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# The bundled framework; mount an organisation's own over /app/content (or set CONTENT_DIR).
COPY content ./content
# The example operations, whose names the metrics' operation label keeps (src/server/known-operations.ts).
COPY examples ./examples
USER node
EXPOSE 4000
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# V8 flags, measured with `npm run bench:quick` and `npm run bench:soak` (README "Memory under a
# flood"); --no-maglev is not allowed in NODE_OPTIONS, so they are here.
# - An 8 MB semi-space and no Maglev: newer V8 sizes the young generation from the machine's memory
#   and adds the Maglev compiler, which took peak RSS under bench:quick from 116 MB (Node 20) to 195.
# - A 512 MB old-space limit: with a limit in gigabytes V8 let old space grow to four times the live
#   heap under a flood of unique documents.
# - No allocation-site pretenuring: V8 learns from what survives (at start-up, and while a request
#   is in flight) which allocation sites make long-lived objects, and allocates their objects
#   straight into old space. For this server that sent about half of what reached old space per
#   unique document there to die (measured with --trace-gc-nvp); without it the soak's plateau is
#   10-14 MB lower and throughput unchanged.
CMD ["node", "--max-semi-space-size=8", "--no-maglev", "--max-old-space-size=512", "--no-allocation-site-pretenuring", "dist/main.js"]
