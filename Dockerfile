# Build stage: the same Maven build as CI, without the tests (CI runs them).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY prompts prompts
RUN mvn -B -q package -DskipTests

# Runtime stage: a slim JRE, a non-root user, the store on a volume.
FROM eclipse-temurin:17-jre
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin watchdog \
    && mkdir -p /data /etc/watchdog \
    && chown watchdog /data
WORKDIR /app
COPY --from=build /src/target/watchdog.jar /app/watchdog.jar
# The default config is baked in; mount your own over it: -v $PWD/watchdog.yml:/etc/watchdog/watchdog.yml
COPY watchdog.yml /etc/watchdog/watchdog.yml
ENV WATCHDOG_CONFIG=/etc/watchdog/watchdog.yml \
    WATCHDOG_DATA_DIR=/data
VOLUME ["/data"]
USER watchdog
EXPOSE 9464
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD curl -fsS http://127.0.0.1:9464/healthz || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/watchdog.jar"]
