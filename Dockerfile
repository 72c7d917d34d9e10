# A queue worker for criticality's distributed sweeps (docs/distributed.md): `criticality worker`
# on Node 20 slim, taking points from the queue at --redis until SIGTERM, then draining (running
# points go back to the queue with a checkpoint).
#
#   docker build -t criticality-worker .
#   docker run --rm criticality-worker --redis redis://10.0.0.5:6379
#
# Untested: the development machine has no Docker engine. One point at a time per container: give
# each container one CPU and scale the number of containers (or pass --concurrency N for N processes).
FROM node:20-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY . .
RUN npm run build && npm pack --ignore-scripts

FROM node:20-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /src/criticality-*.tgz /tmp/
RUN npm init -y >/dev/null \
  && npm install --omit=dev --no-audit --no-fund /tmp/criticality-*.tgz bullmq@6.7.6 ioredis@6.1.0 \
  && rm /tmp/criticality-*.tgz && npm cache clean --force
USER node
ENTRYPOINT ["node", "/app/node_modules/criticality/bin/criticality.js", "worker"]
CMD ["--redis", "redis://redis:6379"]
