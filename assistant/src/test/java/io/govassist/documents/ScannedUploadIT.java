package io.govassist.documents;

import com.fasterxml.jackson.databind.JsonNode;
import io.govassist.DemoServerIT;
import io.govassist.ServerTestSupport;
import io.govassist.ServerTestSupport.Reply;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A scanned State Council opinion through the upload API: ingestion's {@code derived/scan_39.pdf}, an image-only
 * 7-page scan (noise, skew) of 国发〔2018〕39号 with 15 sub-items numbered across 5 sections, is OCR'd by Tesseract
 * ({@code scripts/install-ocr.sh}) and stored with its 文号 and at least 14 of the sub-items under the right section;
 * a question about one sub-item finds it first. The same text laid out as OFD gives the same. Takes a minute or two
 * (OCR).
 */
class ScannedUploadIT extends DemoServerIT {

    private static final String ADMIN = ServerTestSupport.basicAuth("admin", ServerTestSupport.ADMIN_PASSWORD);
    private static final Path SCAN = Path.of("../ingestion/src/test/resources/fixtures/derived/scan_39.pdf");
    /** The same text laid out as OFD by ingestion's {@code OfdFixtureGenerator}. */
    private static final Path OFD = Path.of("../ingestion/src/test/resources/fixtures/derived/derived_39.ofd");
    private static final List<String> SECTIONS = List.of("一、支持企业稳定发展", "二、鼓励支持就业创业", "三、积极实施培训",
            "四、及时开展下岗失业人员帮扶", "五、落实各方责任");
    /** Sub-item n (1-based) sits in section SECTION_OF[n - 1]: 2, 3, 3, 3, 4 items. */
    private static final int[] SECTION_OF = {0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 4};
    private static final String[] NUMERALS = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二",
            "十三", "十四", "十五"};

    @Test
    void a_scanned_opinion_is_ocrd_into_its_clause_tree_and_a_sub_item_is_found_first() throws IOException {
        assumeTrue(tesseractInstalled() || "true".equals(System.getenv("CI")),
                "tesseract with chi_sim is not installed (scripts/install-ocr.sh)");
        Reply reply = server.send(new ServerTestSupport.Multipart()
                .file("国发〔2018〕39号扫描件.pdf", Files.readAllBytes(SCAN))
                .post(server.base() + "/api/v1/documents").header("Authorization", ADMIN), Duration.ofMinutes(6));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode result = reply.json().get("results").get(0);
        assertThat(result.get("status").asText()).as(result.toString()).isEqualTo("INGESTED");
        // the large bold title is found whole; Tesseract may misread a character of it (国 as 习)
        assertThat(result.get("title").asText()).endsWith("院关于做好当前和今后一个时期促进就业工作的若干意见");
        assertTreeAndSearchThenDelete(result.get("documentId").asText());
    }

    @Test
    void an_ofd_of_the_same_opinion_gives_the_same_tree_and_the_sub_item_is_found_first() throws IOException {
        Reply reply = server.send(new ServerTestSupport.Multipart()
                .file("国发〔2018〕39号.ofd", Files.readAllBytes(OFD))
                .post(server.base() + "/api/v1/documents").header("Authorization", ADMIN), Duration.ofMinutes(2));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode result = reply.json().get("results").get(0);
        assertThat(result.get("status").asText()).as(result.toString()).isEqualTo("INGESTED");
        assertThat(result.get("title").asText()).isEqualTo("国务院关于做好当前和今后一个时期促进就业工作的若干意见");
        assertTreeAndSearchThenDelete(result.get("documentId").asText());
    }

    private void assertTreeAndSearchThenDelete(String id) throws IOException {
        JsonNode document = server.get("/api/v1/documents/" + id).json();
        assertThat(document.get("document").get("docNumber").asText()).isEqualTo("国发〔2018〕39号");
        assertThat(document.get("document").get("issuer").asText()).isEqualTo("国务院");
        // the tree: sections (一、…) as the root's children, sub-items （n）… as theirs
        List<String> found = new ArrayList<>();
        int underTheRightSection = 0;
        for (JsonNode section : document.get("tree").get("children")) {
            for (JsonNode subItem : section.get("children")) {
                found.add(section.get("heading").asText() + " > " + subItem.get("heading").asText());
            }
        }
        for (int n = 1; n <= 15; n++) {
            String prefix = SECTIONS.get(SECTION_OF[n - 1]) + " > （" + NUMERALS[n - 1] + "）";
            if (found.stream().anyMatch(f -> f.startsWith(prefix))) {
                underTheRightSection++;
            }
        }
        assertThat(underTheRightSection).as("sub-items under the right section, of 15: " + found).isGreaterThanOrEqualTo(14);

        Reply search = server.postJson("/api/v1/search", "{\"query\":\"就业见习补贴范围扩大到哪些失业青年\",\"topK\":5}");
        JsonNode first = search.json().get("hits").get(0);
        assertThat(first.get("documentId").asText()).as(search.body()).isEqualTo(id);
        assertThat(first.get("clauseLabel").asText()).isEqualTo("二、（五）");
        assertThat(first.get("clausePath").get(0).asText()).isEqualTo("二、鼓励支持就业创业");
        assertThat(first.get("text").asText()).contains("见习补贴范围", "24岁失业青年");
        assertThat(first.get("responsibleUnits").get("lead").get(0).asText()).isEqualTo("人力资源社会保障部");

        Reply deleted = server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/documents/" + id))
                .header("Authorization", ADMIN).DELETE());
        assertThat(deleted.status()).isEqualTo(204);
    }

    private static boolean tesseractInstalled() {
        try {
            Process p = new ProcessBuilder("tesseract", "--list-langs").redirectErrorStream(true).start();
            String langs = new String(p.getInputStream().readAllBytes());
            return p.waitFor() == 0 && langs.lines().anyMatch("chi_sim"::equals);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
