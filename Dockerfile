# One image for every project service (wms-adapter, erp-consumer, demo-erp and the
# one-shot init); docker-compose.yml overrides CMD per service.
FROM node:20-slim

WORKDIR /app

# Dependencies first, so this layer is cached until the lockfile changes.
# Plain `npm ci` (dev dependencies included): tsx, which runs the TypeScript
# sources directly, is needed at runtime.
COPY package.json package-lock.json ./
RUN npm ci && npm cache clean --force

COPY . .

ENV NODE_ENV=production

# The code stays owned by root and read-only for the service user; the analytics sink's
# DuckDB file lives on a volume the service user can write.
RUN mkdir -p /data/analytics && chown node:node /data/analytics
USER node

# 18100 WMS adapter, 18110 ERP consumer health, 18200 demo ERP
EXPOSE 18100 18110 18200

CMD ["node", "--import", "tsx", "services/wms-adapter/main.ts"]
