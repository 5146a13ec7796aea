# The gateway image: every role, one CLI. Build from the repository root:
#   docker build -f infra/docker/gateway.Dockerfile -t stockpulse-gateway .
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY . .
RUN npm ci && npx nx run-many -t build

FROM node:20-bookworm-slim
WORKDIR /app
COPY --from=build /src /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080 DATA_DIR=/data
EXPOSE 8080
ENTRYPOINT ["node", "apps/gateway/dist/main.js"]
CMD ["start"]
