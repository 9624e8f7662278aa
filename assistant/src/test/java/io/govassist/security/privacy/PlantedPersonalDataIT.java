package io.govassist.security.privacy;

import io.govassist.GovAssistApplication;
import io.govassist.PostgresSupport;
import io.govassist.ServerTestSupport;
import io.govassist.ServerTestSupport.Reply;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8's planted-ID test: synthetic but valid personal data (身份证号 with correct check characters, dates and
 * region codes; mobile numbers; Luhn-valid bank cards; e-mail addresses) goes in through every citizen entry point
 * of a real server that logs at DEBUG to a file. Afterwards no planted value — nor its spaced, hyphenated, +86 or
 * URL-encoded spellings — is in any response, the log file, any text column of any table of the app database
 * (enumerated through JDBC metadata), or any file of the data directory; the masked forms are where the data was
 * stored. Once on the embedded store (H2 + Lucene), once on PostgreSQL + pgvector.
 */
class PlantedPersonalDataIT {

    private static final PostgresSupport db = new PostgresSupport();
    private static final String[] REGIONS = {"110105", "310104", "440305", "510107", "330106", "420111"};
    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String[] MOBILE_PREFIXES = {"138", "139", "150", "158", "186", "199"};
    private static final Set<Integer> TEXT_TYPES = Set.of(Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.CLOB,
            Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR, Types.NCLOB, Types.OTHER);

    @TempDir
    Path tmp;

    @AfterAll
    static void dropSchemas() {
        db.dropAll();
    }

    /** One set of synthetic personal data, different for every entry point, so that a hit names its way in. */
    record Planted(String entryPoint, String idCard, String mobile, String bankCard, String email) {

        /**
         * The forms that must appear nowhere, compared with text whose spaces and hyphens are removed: the values,
         * the e-mail's local part, and long prefixes of the numbers (a log line cut off in the middle of a number).
         */
        List<String> forbidden() {
            String mailLocalPart = email.substring(0, email.indexOf('@'));
            return List.of(idCard.toUpperCase(Locale.ROOT), mobile, bankCard, email.toUpperCase(Locale.ROOT),
                    mailLocalPart.toUpperCase(Locale.ROOT), idCard.substring(0, 12), mobile.substring(0, 9),
                    bankCard.substring(0, 12));
        }

        String spacedCard() {
            return bankCard.replaceAll("(\\d{4})(?=\\d)", "$1 ");
        }

        String plus86Mobile() {
            return "+86 " + mobile.substring(0, 3) + " " + mobile.substring(3, 7) + " " + mobile.substring(7);
        }

        String sentence() {
            return "我的身份证号是" + idCard + "，手机" + plus86Mobile() + "，银行卡" + spacedCard() + "，邮箱" + email;
        }
    }

    static final class Generator {
        private final Random random = new Random();

        Planted next(String entryPoint) {
            return new Planted(entryPoint, idCard(), mobile(), bankCard(), "pii" + Long.toString(
                    random.nextLong() & Long.MAX_VALUE, 36) + "@example.cn");
        }

        String idCard() {
            LocalDate birth = LocalDate.of(1950, 1, 1).plusDays(random.nextInt(365 * 55));
            String first17 = REGIONS[random.nextInt(REGIONS.length)] + birth.format(DateTimeFormatter.BASIC_ISO_DATE)
                    + String.format("%03d", random.nextInt(1000));
            int sum = 0;
            for (int i = 0; i < 17; i++) {
                sum += (first17.charAt(i) - '0') * ID_WEIGHTS[i];
            }
            String id = first17 + "10X98765432".charAt(sum % 11);
            assertThat(PersonalDataMasker.isValidIdCard(id)).isTrue();
            return id;
        }

        String mobile() {
            return MOBILE_PREFIXES[random.nextInt(MOBILE_PREFIXES.length)] + String.format("%08d",
                    random.nextInt(100_000_000));
        }

        String bankCard() {
            String payload = "622202" + String.format("%06d%06d", random.nextInt(1_000_000), random.nextInt(1_000_000));
            for (int check = 0; check <= 9; check++) {
                if (PersonalDataMasker.isValidBankCard(payload + check)) {
                    return payload + check;
                }
            }
            throw new AssertionError("no Luhn check digit for " + payload);
        }
    }

    private record Server(ConfigurableApplicationContext context, ServerTestSupport http, int port)
            implements AutoCloseable {
        @Override
        public void close() {
            context.close();
        }
    }

    private static Server start(Path dataDir, Path logFile, boolean demo, String... more) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--govassist.data-dir=" + dataDir,
                "--govassist.demo.enabled=" + demo, "--govassist.admin.password=" + ServerTestSupport.ADMIN_PASSWORD,
                // every request comes from 127.0.0.1
                "--govassist.rate-limit.enabled=false",
                "--logging.file.name=" + logFile, "--logging.level.io.govassist=DEBUG",
                "--logging.level.org.springframework.web=DEBUG"));
        args.addAll(List.of(more));
        // Spring Boot configures logging once per JVM until a context closes; other test classes' cached servers
        // may still be running: start afresh so that this server's log file and levels apply
        LoggingSystem.get(PlantedPersonalDataIT.class.getClassLoader()).cleanUp();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(GovAssistApplication.class)
                .run(args.toArray(String[]::new));
        try {
            int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
            ServerTestSupport http = new ServerTestSupport(port);
            // the demo import takes a minute alone, many more on the shared build machine
            http.awaitReady(Duration.ofMinutes(15));
            assertThat(logFile).exists();
            return new Server(context, http, port);
        } catch (RuntimeException | AssertionError e) {
            context.close();
            throw e;
        }
    }

    /** Later test classes in this JVM keep the logging configuration: no DEBUG, no file in a deleted directory. */
    @AfterEach
    void restoreLogging() {
        LoggingSystem logging = LoggingSystem.get(PlantedPersonalDataIT.class.getClassLoader());
        logging.setLogLevel("io.govassist", null);
        logging.setLogLevel("org.springframework.web", null);
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            Appender<ILoggingEvent> file = logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("FILE");
            if (file != null) {
                logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(file);
                file.stop();
            }
        }
    }

    @Test
    void planted_personal_data_reaches_neither_the_log_nor_the_h2_database_nor_the_lucene_index() {
        Path data = tmp.resolve("data");
        Path log = tmp.resolve("logs/govassist.log");
        List<Planted> planted;
        try (Server server = start(data, log, true)) {
            planted = plantEverywhere(server);
            scanDatabase(server.context().getBean(DataSource.class), "public", planted);
        }
        scanLog(log, planted);
        assertThat(data.resolve("index")).isDirectory();
        scanFiles(data, planted);
    }

    @Test
    void planted_personal_data_reaches_neither_the_log_nor_the_postgresql_database() {
        PostgresSupport.requireAvailable();
        String url = db.newSchemaUrl("pii_it");
        String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length(), url.lastIndexOf(','));
        Path data = tmp.resolve("data");
        Path log = tmp.resolve("logs/govassist.log");
        List<Planted> planted;
        // no demo corpus here (half the time; the embedded test has it): questions must not reach the store's tables
        try (Server server = start(data, log, false, "--govassist.store=pgvector", "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + PostgresSupport.USER,
                "--spring.datasource.password=" + PostgresSupport.PASSWORD)) {
            planted = plantEverywhere(server);
            scanDatabase(server.context().getBean(DataSource.class), schema, planted);
        }
        scanLog(log, planted);
        scanFiles(data, planted);
    }

    /** Sends the data through every citizen entry point; checks that no response repeats it. */
    private List<Planted> plantEverywhere(Server server) {
        Generator generator = new Generator();
        ServerTestSupport http = server.http();
        List<Planted> planted = new ArrayList<>();
        List<Reply> replies = new ArrayList<>();

        Planted chat = generator.next("chat");
        planted.add(chat);
        Reply first = http.postJson("/api/v1/chat", json(chat.sentence() + "。政府信息公开申请应当包括哪些内容？"));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        replies.add(first);
        String conversation = first.json().get("conversationId").asText();

        Planted followUp = generator.next("follow-up");
        planted.add(followUp);
        Reply second = http.postJson("/api/v1/chat", "{\"conversationId\":\"" + conversation + "\",\"question\":"
                + quote("您好，请问一下，如果" + followUp.sentence() + "的话，需要多长时间答复？") + "}");
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        replies.add(second);

        Planted feedback = generator.next("feedback");
        planted.add(feedback);
        Reply rated = http.postJson("/api/v1/chat/feedback", "{\"conversationId\":\"" + conversation
                + "\",\"turnId\":\"" + second.json().get("turnId").asText() + "\",\"rating\":\"down\",\"comment\":"
                + quote("请回电 " + feedback.sentence()) + "}");
        assertThat(rated.status()).as(rated.body()).isEqualTo(204);

        Planted stream = generator.next("stream");
        planted.add(stream);
        Reply streamed = http.send(HttpRequest.newBuilder(URI.create(http.base() + "/api/v1/chat/stream"))
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(json(stream.sentence() + "，政务服务智能化要建设哪些系统？"),
                        StandardCharsets.UTF_8)));
        assertThat(streamed.status()).isEqualTo(200);
        assertThat(streamed.body()).contains("event:done");
        replies.add(streamed);

        Planted search = generator.next("search");
        planted.add(search);
        Reply searched = http.postJson("/api/v1/search", "{\"query\":" + quote(search.sentence() + " 政府信息公开") + "}");
        assertThat(searched.status()).as(searched.body()).isEqualTo(200);
        replies.add(searched);

        Planted malformed = generator.next("malformed JSON");
        planted.add(malformed);
        Reply broken = http.postJson("/api/v1/chat", "{\"question\":\"" + malformed.sentence() + "\", \"x\": ");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().get("error").get("code").asText()).isEqualTo("MALFORMED_JSON");
        replies.add(broken);
        Planted wrongType = generator.next("wrong type");
        planted.add(wrongType);
        Reply typed = http.postJson("/api/v1/chat", "{\"question\":{\"text\":" + quote(wrongType.sentence()) + "}}");
        assertThat(typed.status()).isEqualTo(400);
        replies.add(typed);

        Planted tooLong = generator.next("over-long question");
        planted.add(tooLong);
        Reply rejected = http.postJson("/api/v1/chat", json(tooLong.sentence() + "政".repeat(1000)));
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.json().get("error").get("code").asText()).isEqualTo("QUESTION_TOO_LONG");
        replies.add(rejected);

        Planted login = generator.next("login name");
        planted.add(login);
        Reply denied = http.send(HttpRequest.newBuilder(URI.create(http.base() + "/api/v1/console/session"))
                .header("Authorization", ServerTestSupport.basicAuth(login.mobile(), "guess")).GET());
        assertThat(denied.status()).isEqualTo(401);
        replies.add(denied);

        for (Reply reply : replies) {
            assertNone("response " + reply.raw().uri(), reply.body(), planted);
        }
        return planted;
    }

    /** Every text column of every table in {@code schema}: no planted value; the masked forms where stored. */
    private static void scanDatabase(DataSource dataSource, String schema, List<Planted> planted) {
        List<String> scanned = new ArrayList<>();
        StringBuilder questions = new StringBuilder();
        StringBuilder comments = new StringBuilder();
        StringBuilder actors = new StringBuilder();
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            List<String[]> columns = new ArrayList<>();
            try (ResultSet rs = meta.getColumns(null, schemaPattern(meta, schema), "%", "%")) {
                while (rs.next()) {
                    if (TEXT_TYPES.contains(rs.getInt("DATA_TYPE")) && isTable(meta, schema, rs.getString("TABLE_NAME"))) {
                        columns.add(new String[]{rs.getString("TABLE_NAME"), rs.getString("COLUMN_NAME")});
                    }
                }
            }
            for (String[] column : columns) {
                String name = column[0] + "." + column[1];
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                        "SELECT CAST(" + quoteIdentifier(column[1]) + " AS VARCHAR) FROM " + quoteIdentifier(schema)
                                + "." + quoteIdentifier(column[0]))) {
                    while (rs.next()) {
                        String value = rs.getString(1);
                        if (value == null) {
                            continue;
                        }
                        assertNone("column " + name, value, planted);
                        switch (name.toLowerCase(Locale.ROOT)) {
                            case "chat_turn.question" -> questions.append(value).append('\n');
                            case "chat_turn.feedback_comment" -> comments.append(value).append('\n');
                            case "audit_event.actor" -> actors.append(value).append('\n');
                            default -> {
                            }
                        }
                    }
                }
                scanned.add(name.toLowerCase(Locale.ROOT));
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        System.out.printf("PlantedPersonalDataIT: %d text columns in schema %s scanned%n", scanned.size(), schema);
        assertThat(scanned).contains("chat_turn.question", "chat_turn.search_query", "chat_turn.answer",
                "chat_turn.feedback_comment", "audit_event.actor", "audit_event.detail");
        // the data did reach the storage, masked
        assertThat(questions.toString()).contains("我的身份证号是[身份证号]，手机[手机号]，银行卡[银行卡号]，邮箱[电子邮箱]")
                .contains("需要多长时间答复").contains("政务服务智能化要建设哪些系统");
        assertThat(comments.toString()).contains("请回电 我的身份证号是[身份证号]，手机[手机号]");
        assertThat(actors.toString()).contains("[手机号]");
    }

    private static String schemaPattern(DatabaseMetaData meta, String schema) throws SQLException {
        return meta.storesUpperCaseIdentifiers() ? schema.toUpperCase(Locale.ROOT) : schema;
    }

    private static boolean isTable(DatabaseMetaData meta, String schema, String table) throws SQLException {
        try (ResultSet rs = meta.getTables(null, schemaPattern(meta, schema), table, new String[]{"TABLE"})) {
            return rs.next();
        }
    }

    private static String quoteIdentifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static void scanLog(Path log, List<Planted> planted) {
        String text = read(log);
        assertNone("log file", text, planted);
        System.out.printf("PlantedPersonalDataIT: %d values from %d entry points; log file %d lines, %d KB%n",
                planted.stream().mapToInt(p -> p.forbidden().size()).sum(), planted.size(), text.lines().count(),
                text.length() / 1024);
        // the requests were logged (Spring MVC at DEBUG logs the request bodies it read), masked
        assertThat(text).contains("question=我的身份证号是[身份证号]，手机[手机号]");
    }

    /**
     * The data directory's files (Lucene index and H2 database; with pgvector whatever is there, if anything): not a
     * byte of the planted values.
     */
    private static void scanFiles(Path data, List<Planted> planted) {
        if (!Files.exists(data)) {
            return;
        }
        try (Stream<Path> files = Files.walk(data)) {
            List<Path> regular = files.filter(Files::isRegularFile).toList();
            long bytes = 0;
            for (Path file : regular) {
                byte[] content = Files.readAllBytes(file);
                bytes += content.length;
                assertNone("file " + data.relativize(file), new String(content, StandardCharsets.ISO_8859_1), planted);
            }
            System.out.printf("PlantedPersonalDataIT: %d files, %d KB in the data directory scanned%n", regular.size(),
                    bytes / 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertNone(String where, String text, List<Planted> planted) {
        String normalized = text.replaceAll("[\\s\\-]", "").toUpperCase(Locale.ROOT);
        for (Planted p : planted) {
            for (String value : p.forbidden()) {
                assertThat(normalized.contains(value))
                        .as("%s contains the %s data %s", where, p.entryPoint(), value).isFalse();
            }
            assertThat(normalized.contains(URLEncoder.encode(p.email(), StandardCharsets.UTF_8)
                    .toUpperCase(Locale.ROOT))).as("%s contains the URL-encoded %s e-mail", where, p.entryPoint())
                    .isFalse();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String json(String question) {
        return "{\"question\":" + quote(question) + "}";
    }

    private static String quote(String s) {
        try {
            return ServerTestSupport.JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
