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
USER node
EXPOSE 4000
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Node 24's V8 sizes the young generation from the machine's memory and adds the Maglev compiler;
# under `npm run bench:quick` that took peak RSS from 116 MB (Node 20) to 195 MB. An 8 MB semi-space
# and no Maglev bring it to 134-141 MB, under the 150 MB goal, with throughput unchanged within the
# noise (--no-maglev is not allowed in NODE_OPTIONS, so the flags are here). Under a flood of 100,000
# unique documents (`npm run bench:soak`) V8 lets old space grow to about four times the live heap
# (60-80 MB) when its limit is in gigabytes, and RSS levelled off at 330 MB; a 512 MB old-space limit
# keeps it at about 165 MB with no failed request, and returns it to 137 MB after the flood.
CMD ["node", "--max-semi-space-size=8", "--no-maglev", "--max-old-space-size=512", "dist/main.js"]
