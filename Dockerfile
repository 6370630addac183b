# syntax=docker/dockerfile:1
# Xietong: one image for the web app (with its job worker) and the co-editing server.
#   docker build -t xietong .
# Stage 1 installs everything and builds; stage 2 keeps only what runs: production node_modules,
# Next's build output, the TypeScript sources tsx runs, the generated Prisma client and the
# migrations (applied by scripts/platform.ts at start). No compilers, no dev dependencies, not root.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
# The lockfile first, so dependencies stay cached while only sources change. prisma/ is needed by
# postinstall (prisma generate writes server/core/db/generated).
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund
COPY . .
# npm prune keeps optional peers that are installed: TypeScript (a peer of prisma and @prisma/client)
# and Playwright (of next) stayed in the image; nothing at run time needs them (npm run deploy:check).
RUN npx prisma generate && npx next build && npm prune --omit=dev --no-audit --no-fund && rm -rf .next/cache \
  && rm -rf node_modules/typescript node_modules/@playwright node_modules/playwright node_modules/playwright-core

FROM ${NODE_IMAGE} AS runtime
# pg_dump/pg_restore for `npm run backup` and the scheduled backup (client 15, the server's version in
# compose.yaml); tini reaps zombies and forwards SIGTERM so shutdown drains (see README).
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-client-15 tini ca-certificates \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 REALTIME_PORT=3001 HOST=0.0.0.0 SEED_DEMO=0 \
    TRUST_PROXY=true COOKIE_SECURE=true
COPY --from=build --chown=node:node /app/package.json /app/package-lock.json /app/next.config.ts /app/tsconfig.json /app/prisma.config.ts ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/.next ./.next
COPY --from=build --chown=node:node /app/public ./public
COPY --from=build --chown=node:node /app/messages ./messages
COPY --from=build --chown=node:node /app/prisma ./prisma
COPY --from=build --chown=node:node /app/app ./app
COPY --from=build --chown=node:node /app/server ./server
COPY --from=build --chown=node:node /app/realtime ./realtime
COPY --from=build --chown=node:node /app/scripts ./scripts
COPY --from=build --chown=node:node /app/plugins ./plugins
COPY --from=build --chown=node:node /app/proxy.ts ./proxy.ts
USER node
EXPOSE 3000 3001
# Readiness (database, Redis, not draining); the web app by default, `realtime` for the co-editing server.
HEALTHCHECK --interval=10s --timeout=3s --start-period=120s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.HEALTH_PORT||process.env.PORT)+(process.env.HEALTH_PATH||'/api/ready')).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["/usr/bin/tini", "--"]
# Applies migrations, then serves (web processes, job worker, co-editing server per RUN_* settings).
CMD ["node", "--import", "tsx", "scripts/platform.ts", "start"]
