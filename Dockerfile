# One image for every project service (wms-adapter, erp-consumer, demo-erp and the
# one-shot init); docker-compose.yml overrides CMD per service.
FROM node:20-slim

WORKDIR /app

# Dependencies first, so this layer is cached until the lockfile changes.
# Plain `npm ci` (dev dependencies included): services run their TypeScript sources
# directly through scripts/ts-runtime (esbuild). Its postinstall applies patches/ (patch-package).
COPY package.json package-lock.json ./
COPY patches ./patches
RUN npm ci && npm cache clean --force

COPY . .

ENV NODE_ENV=production

# The code stays owned by root and read-only for the service user; the analytics sink's
# DuckDB file lives on a volume the service user can write.
RUN mkdir -p /data/analytics && chown node:node /data/analytics
USER node

# Adapters 18100-18102; consumers' health/metrics 18110-18112; admin API 18120; analytics
# sink 18160; demo ERP 18200, demo CRM 18210, demo mailbox (SMTP) 2525
EXPOSE 18100 18101 18102 18110 18111 18112 18120 18160 18200 18210 2525

CMD ["node", "--import", "./scripts/ts-runtime/register.mjs", "services/wms-adapter/main.ts"]
