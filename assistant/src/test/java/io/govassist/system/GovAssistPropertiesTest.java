package io.govassist.system;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GovAssistPropertiesTest {

    private static GovAssistProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("govassist", GovAssistProperties.class);
    }

    @Test
    void defaults_are_pinned() {
        GovAssistProperties p = bind(Map.of());
        assertThat(p.dataDir().normalize()).isEqualTo(Path.of("data"));
        assertThat(p.store()).isEqualTo(GovAssistProperties.StoreKind.EMBEDDED);
        assertThat(p.demo().enabled()).isTrue();
        assertThat(p.ingest().paths()).isEmpty();
        assertThat(p.ingest().maxFileSize()).isEqualTo(DataSize.ofMegabytes(50));
        assertThat(p.ingest().maxChars()).isEqualTo(2_000_000);
        assertThat(p.ingest().parseTimeout()).isEqualTo(java.time.Duration.ofSeconds(60));
        assertThat(p.ingest().ocr().settings()).isEqualTo(io.govassist.ingestion.OcrSettings.DEFAULT);
        assertThat(p.ingest().ocr()).isEqualTo(new GovAssistProperties.Ocr(true, "chi_sim",
                java.time.Duration.ofSeconds(60), 100, 200));
        assertThat(p.search().defaultTopK()).isEqualTo(10);
        assertThat(p.search().maxTopK()).isEqualTo(100);
        assertThat(p.search().maxQueryLength()).isEqualTo(2000);
        assertThat(p.search().rrfK()).isEqualTo(10);
        assertThat(p.search().candidates()).isEqualTo(100);
        assertThat(p.embedding().model()).isEqualTo("govassist-embed-zh-3");
        assertThat(p.embedding().modelPath()).isNull();
        assertThat(p.embedding().pooling()).isEqualTo("CLS");
        assertThat(p.embedding().threads()).isZero();
        assertThat(p.embedding().maxBatchSize()).isEqualTo(1);
        assertThat(p.admin().password()).isNull();
        assertThat(p.pgvector().efSearch()).isEqualTo(100);
        assertThat(p.pgvector().exactScanThreshold()).isEqualTo(10_000);
        assertThat(p.pgvector().lexicalPostingsBudget()).isEqualTo(5_000);
    }

    @Test
    void binds_comma_separated_ingest_paths_and_store_kind_from_relaxed_names() {
        GovAssistProperties p = bind(Map.of("govassist.ingest.paths", "/a,/b/c", "govassist.store", "pgvector",
                "govassist.data-dir", "/var/lib/govassist", "govassist.demo.enabled", "false"));
        assertThat(p.ingest().paths()).containsExactly(new GovAssistProperties.ImportPath(null, Path.of("/a")),
                new GovAssistProperties.ImportPath(null, Path.of("/b/c")));
        assertThat(p.store()).isEqualTo(GovAssistProperties.StoreKind.PGVECTOR);
        assertThat(p.dataDir()).isEqualTo(Path.of("/var/lib/govassist"));
        assertThat(p.demo().enabled()).isFalse();
    }

    @Test
    void an_ingest_path_may_name_the_knowledge_base_its_documents_go_into() {
        GovAssistProperties p = bind(Map.of("govassist.ingest.paths", "ai-plan=/data/plan, /data/all,staff-1=rel/dir"));
        assertThat(p.ingest().paths()).containsExactly(
                new GovAssistProperties.ImportPath("ai-plan", Path.of("/data/plan")),
                new GovAssistProperties.ImportPath(null, Path.of("/data/all")),
                new GovAssistProperties.ImportPath("staff-1", Path.of("rel/dir")));
        assertThat(bind(Map.of("govassist.ingest.paths[0]", "ai-plan=/x")).ingest().paths())
                .containsExactly(new GovAssistProperties.ImportPath("ai-plan", Path.of("/x")));
    }

    @Test
    void an_entry_is_a_plain_directory_unless_it_starts_with_a_knowledge_base_id_and_an_equals_sign() {
        assertThat(GovAssistProperties.ImportPath.of("./a=b").knowledgeBase()).as("escaped with ./").isNull();
        assertThat(GovAssistProperties.ImportPath.of("./a=b").path()).isEqualTo(Path.of("./a=b"));
        assertThat(GovAssistProperties.ImportPath.of("AI=/x").knowledgeBase()).as("not an id: upper case").isNull();
        assertThat(GovAssistProperties.ImportPath.of("/x/y=z").knowledgeBase()).isNull();
        assertThatThrownBy(() -> GovAssistProperties.ImportPath.of("ai-plan="))
                .hasMessageContaining("names knowledge base ai-plan but no directory");
        assertThatThrownBy(() -> bind(Map.of("govassist.ingest.paths", "ai-plan=")))
                .hasStackTraceContaining("names knowledge base ai-plan but no directory");
    }
}
