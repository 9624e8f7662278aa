# GovAssist with the production store: docker compose up (see docker-compose.yml and README "PostgreSQL + pgvector").
# Stage 1 builds the executable jar with the Maven wrapper; stage 2 runs it on a JRE as a non-root user.
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY models/ models/
COPY ingestion/ ingestion/
COPY frontend/ frontend/
COPY assistant/ assistant/
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -DskipTests package

FROM eclipse-temurin:25-jre
# Tesseract with Chinese language data: OCR of scanned PDF pages (README "Formats and OCR")
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-eng \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system govassist \
 && useradd --system --gid govassist --home-dir /var/lib/govassist --create-home govassist
COPY --from=build /src/assistant/target/govassist.jar /opt/govassist/govassist.jar
ENV GOVASSIST_DATA_DIR=/var/lib/govassist
VOLUME /var/lib/govassist
USER govassist
WORKDIR /var/lib/govassist
EXPOSE 8080
# Ready (not just alive): the startup import has finished and the store answers.
HEALTHCHECK --interval=10s --timeout=5s --start-period=180s --retries=6 \
  CMD curl -fsS http://localhost:8080/actuator/health/readiness || exit 1
ENTRYPOINT ["java", "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", \
            "-jar", "/opt/govassist/govassist.jar"]
