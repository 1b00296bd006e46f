# Metrics Registry container image.
#
#   docker build -t metrics-registry .
#   docker run -e KAFKA_BROKERS=kafka:9092 -p 4000:4000 metrics-registry
#
# NODE_IMAGE is any Debian-based Node.js image (Node >= 20.19); scripts/image-test.sh builds
# with a local stand-in for it when no container registry is reachable.
ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS build
# Behind a TLS-intercepting proxy, point this at the proxy's CA bundle mounted into the build;
# it is declared in this stage only, so it never reaches the runtime image.
ARG NODE_EXTRA_CA_CERTS
WORKDIR /app
# Dependencies first, so that a change to the sources reuses this layer.
# --ignore-scripts: no dependency needs an install script to build or run the service.
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
COPY nest-cli.json tsconfig.json tsconfig.build.json ./
COPY src ./src
# npm run build: nest build, then dist/bundle/registry.js and its V8 code cache (scripts/bundle.mjs),
# written by this stage's Node.js, which is the runtime's (the same NODE_IMAGE).
COPY scripts/bundle.mjs ./scripts/
RUN npm run build \
    && npm prune --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error \
    && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
# tini as PID 1 reaps zombies and forwards SIGTERM, so the service shuts down cleanly and exits 0.
RUN set -eu; \
    if ! command -v tini >/dev/null; then \
      apt-get update; \
      apt-get install -y --no-install-recommends tini; \
      rm -rf /var/lib/apt/lists/*; \
    fi; \
    groupadd --system --gid 10001 registry; \
    useradd --system --uid 10001 --gid 10001 --home-dir /nonexistent --no-create-home \
      --shell /usr/sbin/nologin registry
ENV NODE_ENV=production \
    PORT=4000
WORKDIR /app
# Owned by root and read-only for the service's user.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER 10001:10001
EXPOSE 4000
# Slim images have no curl: Node's own fetch probes liveness.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["tini", "--"]
CMD ["node", "dist/start.js"]
