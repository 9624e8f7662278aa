package io.govassist.documents;

import com.fasterxml.jackson.databind.JsonNode;
import io.govassist.DemoServerIT;
import io.govassist.ServerTestSupport;
import io.govassist.ServerTestSupport.Reply;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Formats Chinese governments publish in, through the upload API: an OFD (GB/T 33190, {@code upload-policy.ofd} =
 * ingestion's {@code derived/derived_02.ofd}, 国办发〔2018〕123号 rendered by ofdrw) is stored with its title and
 * 文号; WPS files that cannot be read get a per-file error naming the format, with a stable code, and nothing stored.
 */
class GovernmentFormatsUploadIT extends DemoServerIT {

    private static final String ADMIN = ServerTestSupport.basicAuth("admin", ServerTestSupport.ADMIN_PASSWORD);

    @Test
    void an_ofd_is_ingested_and_unreadable_wps_files_get_clear_errors() throws IOException {
        int documentsBefore = documentCount();
        Reply reply = server.send(new ServerTestSupport.Multipart()
                .file("政务新媒体意见.ofd", resource("/fixtures/upload-policy.ofd"))
                .file("坏文件.wps", random(4096))
                .file("金山格式.wps", nonWordOle2())
                .post(server.base() + "/api/v1/documents").header("Authorization", ADMIN));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode results = reply.json().get("results");
        assertThat(results).hasSize(3);

        JsonNode ofd = results.get(0);
        assertThat(ofd.get("status").asText()).as(ofd.toString()).isEqualTo("INGESTED");
        assertThat(ofd.get("title").asText()).isEqualTo("国务院办公厅关于推进政务新媒体健康有序发展的意见");
        assertThat(ofd.get("clauses").asInt()).isGreaterThan(10);
        String id = ofd.get("documentId").asText();
        JsonNode document = server.get("/api/v1/documents/" + id).json();
        assertThat(document.toString()).contains("国办发〔2018〕123号", "（一）");

        JsonNode garbage = results.get(1);
        assertThat(garbage.get("status").asText()).isEqualTo("FAILED");
        assertThat(garbage.get("error").get("code").asText()).isEqualTo("CORRUPT");
        assertThat(garbage.get("error").get("message").asText()).contains("坏文件.wps", "文件已损坏或无法解析", "WPS 文字文件");
        JsonNode kingsoft = results.get(2);
        assertThat(kingsoft.get("error").get("code").asText()).isEqualTo("UNSUPPORTED_TYPE");
        assertThat(kingsoft.get("error").get("message").asText())
                .contains("金山格式.wps", "不支持的文件类型", "WPS 文字文件不是 Word/Excel 兼容格式", "另存为 DOCX 或 PDF");
        assertThat(documentCount()).as("only the OFD is stored").isEqualTo(documentsBefore + 1);

        Reply deleted = server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/documents/" + id))
                .header("Authorization", ADMIN).DELETE());
        assertThat(deleted.status()).isEqualTo(204);
    }

    private int documentCount() {
        return server.get("/api/v1/documents").json().get("documents").size();
    }

    /** An OLE2 compound file with neither Word nor Excel streams, as a file in WPS Office's own format looks. */
    private static byte[] nonWordOle2() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (POIFSFileSystem ole2 = new POIFSFileSystem()) {
            ole2.createDocument(new ByteArrayInputStream("正文".repeat(2000).getBytes(StandardCharsets.UTF_16LE)), "Contents");
            ole2.writeFilesystem(out);
        }
        return out.toByteArray();
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        new Random(15).nextBytes(bytes);
        return bytes;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = GovernmentFormatsUploadIT.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
