# syntax=docker/dockerfile:1
# Watchdog's image (README: Deploy). A release build:
#   docker build -t watchdog:0.1.0 --build-arg VERSION=0.1.0 --build-arg REVISION="$(git rev-parse --short HEAD)" \
#     --build-arg CREATED="$(date -u +%Y-%m-%dT%H:%M:%SZ)" --build-arg SOURCE="$(git remote get-url origin)" .
# The build context is an allowlist (.dockerignore) without .git: the revision comes from REVISION, not from git.

# Build stage: the same Maven build as CI, without the tests (CI runs them).
FROM maven:3.9-eclipse-temurin-17 AS build
ARG VERSION=0.1.0-SNAPSHOT
ARG REVISION=unknown
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src/main src/main
COPY prompts prompts
RUN mvn -B -q package -Dmaven.test.skip=true -Drevision="${VERSION}" -Dgit.commit.id.abbrev="${REVISION}"
# SQLite's native library, taken out of the jar here: sqlite-jdbc would otherwise unpack it into /tmp at
# start and load it from there, which fails on a read-only root file system or a noexec /tmp.
RUN mkdir /native && cd /native \
    && jar xf /src/target/watchdog.jar "org/sqlite/native/Linux/$(uname -m)/libsqlitejdbc.so" \
    && mv org/sqlite/native/Linux/*/libsqlitejdbc.so . \
    && rm -r org

# Runtime stage: a JRE, a non-root user, the SQLite store on a volume; runs with a read-only root
# file system when /tmp is writable (docker run --read-only --tmpfs /tmp).
FROM eclipse-temurin:17-jre
ARG VERSION=0.1.0-SNAPSHOT
ARG REVISION=unknown
ARG CREATED=unknown
ARG SOURCE=
ARG LICENSES=NOASSERTION
LABEL org.opencontainers.image.title="Watchdog" \
      org.opencontainers.image.description="An on-call analyst for Prometheus users that lives in Slack" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.licenses="${LICENSES}"
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 watchdog \
    && useradd --system --uid 10001 --gid watchdog --home-dir /data --no-create-home --shell /usr/sbin/nologin watchdog \
    && mkdir -p /data /etc/watchdog \
    && chown watchdog:watchdog /data
COPY --from=build /src/target/watchdog.jar /app/watchdog.jar
COPY --from=build /native/libsqlitejdbc.so /app/native/libsqlitejdbc.so
# The default config is baked in; mount your own over it: -v $PWD/watchdog.yml:/etc/watchdog/watchdog.yml:ro
COPY watchdog.yml /etc/watchdog/watchdog.yml
# 0.0.0.0: a published port reaches the container's interface, never its loopback.
# JAVA_OPTS: the heap follows the container's memory limit; an OutOfMemoryError ends the process, so
# the container restarts instead of limping on. Replace JAVA_OPTS to tune them.
ENV WATCHDOG_CONFIG=/etc/watchdog/watchdog.yml \
    WATCHDOG_DATA_DIR=/data \
    WATCHDOG_SERVER_HOST=0.0.0.0 \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
VOLUME ["/data"]
WORKDIR /data
# Numeric, so Kubernetes' runAsNonRoot can verify it.
USER 10001:10001
EXPOSE 9464
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS -o /dev/null http://127.0.0.1:9464/healthz || exit 1
# exec: java is PID 1 and receives docker stop's SIGTERM. Arguments go to Watchdog (e.g. check-config).
ENTRYPOINT ["/bin/sh", "-c", "exec java $JAVA_OPTS -Dorg.sqlite.lib.path=/app/native -Dorg.sqlite.lib.name=libsqlitejdbc.so -jar /app/watchdog.jar \"$@\"", "watchdog"]
