# syntax=docker/dockerfile:1
# Production image: the API + the built SPA, served by one Node process (node backend/dist/main.js).
# The database is an external PostgreSQL (see docker-compose.yml); DATABASE_URL is required in practice.

# ---- build: full install (dev dependencies included), compile backend and frontend ----
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json ./
COPY backend/package.json backend/
COPY frontend/package.json frontend/
COPY e2e/package.json e2e/
COPY bench/package.json bench/
RUN npm ci --no-audit --no-fund
COPY backend backend
COPY frontend frontend
RUN npm run build

# ---- deps: runtime dependencies of the backend workspace only ----
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY backend/package.json backend/
COPY frontend/package.json frontend/
COPY e2e/package.json e2e/
COPY bench/package.json bench/
RUN npm ci --omit=dev --workspace backend --no-audit --no-fund && npm cache clean --force

# ---- runtime ----
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    SEED_DEMO=false \
    LOG_LEVEL=info
WORKDIR /app
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY --chown=root:root package.json ./
COPY --chown=root:root backend/package.json backend/
COPY --from=build --chown=root:root /app/backend/dist backend/dist
COPY --chown=root:root backend/data backend/data
COPY --chown=root:root backend/assets backend/assets
COPY --from=build --chown=root:root /app/frontend/dist frontend/dist
# the code is read-only for the app user; only .data (demo password file, embedded database) is writable
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "backend/dist/main.js"]
