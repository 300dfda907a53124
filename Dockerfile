# One build, three images: docker build --target sandbox|api|agent .
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -ntp -DskipTests package

FROM eclipse-temurin:17-jre AS sandbox
COPY --from=build /src/sandbox/target/sandbox-*-all.jar /app/sandbox.jar
EXPOSE 8090
ENTRYPOINT ["java", "-jar", "/app/sandbox.jar"]

FROM eclipse-temurin:17-jre AS api
COPY --from=build /src/api/target/api-*-all.jar /app/api.jar
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/api.jar"]

# The agent runs as an ordinary user so that Chromium keeps its sandbox (as root it needs --no-sandbox).
# Chromium's sandbox uses user namespaces, which Docker's default seccomp profile allows only to containers
# with CAP_SYS_ADMIN: docker-compose.yml adds it (the agent's user holds no capability itself).
FROM debian:bookworm-slim AS agent
RUN apt-get update && apt-get install -y --no-install-recommends openjdk-17-jre-headless chromium \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --create-home --uid 10001 --shell /usr/sbin/nologin agent
ENV PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 CHROMIUM_PATH=/usr/bin/chromium
COPY --from=build /src/agent/target/agent-*-all.jar /app/agent.jar
USER agent
WORKDIR /home/agent
ENTRYPOINT ["java", "-Xmx96m", "-XX:+UseSerialGC", "-jar", "/app/agent.jar"]
