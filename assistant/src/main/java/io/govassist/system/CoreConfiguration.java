package io.govassist.system;

import io.govassist.ingestion.IngestionPipeline;
import io.govassist.ingestion.ClauseAwareSplitter;
import io.govassist.ingestion.PolicyDocumentParser;
import io.govassist.ingestion.PolicyReader;
import io.govassist.models.EmbeddingModelSettings;
import io.govassist.models.OnnxBertEmbeddingModel;
import io.govassist.models.PoolingMode;
import io.govassist.models.QueryAwareEmbeddingModel;
import io.govassist.store.ClauseStore;
import io.govassist.store.EmbeddingSpace;
import io.govassist.store.EmbeddingSpaceMismatchException;
import io.govassist.store.LexicalAnalyzer;
import io.govassist.store.LuceneClauseStore;
import io.govassist.store.PgVectorClauseStore;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Locale;
import javax.sql.DataSource;

/** Wires the plain-Java core (model, store, ingestion pipeline) into Spring. */
@Configuration(proxyBeanMethods = false)
class CoreConfiguration {

    @Bean(destroyMethod = "close")
    OnnxBertEmbeddingModel embeddingModel(GovAssistProperties properties) {
        GovAssistProperties.Embedding e = properties.embedding();
        return OnnxBertEmbeddingModel.load(new EmbeddingModelSettings(e.modelPath(), e.tokenizerPath(),
                PoolingMode.valueOf(e.pooling().toUpperCase(Locale.ROOT)), e.modelId(), e.queryInstruction(),
                e.threads(), e.maxBatchSize(), e.model()));
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "govassist.store", havingValue = "embedded", matchIfMissing = true)
    ClauseStore embeddedClauseStore(GovAssistProperties properties, QueryAwareEmbeddingModel model,
                                    ApplicationArguments arguments) {
        try {
            Files.createDirectories(properties.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + properties.dataDir(), e);
        }
        ClauseStore store = LuceneClauseStore.open(properties.dataDir().resolve("index"),
                LexicalAnalyzer.valueOf(properties.search().analyzer().toUpperCase(Locale.ROOT)));
        bind(store, model, arguments);
        return store;
    }

    /**
     * The PostgreSQL + pgvector store on Spring's {@code DataSource} ({@code spring.datasource.*}). Created after the
     * application's own Flyway migrations, so those see an empty schema on a new database; the store then migrates
     * its tables with its own history table.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "govassist.store", havingValue = "pgvector")
    @DependsOnDatabaseInitialization
    ClauseStore pgvectorClauseStore(GovAssistProperties properties, QueryAwareEmbeddingModel model,
                                    DataSource dataSource, Environment environment, ApplicationArguments arguments) {
        String url = environment.getProperty("spring.datasource.url", "");
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalStateException("govassist.store=pgvector needs PostgreSQL: set spring.datasource.url "
                    + "(SPRING_DATASOURCE_URL) to jdbc:postgresql://HOST:5432/DATABASE and spring.datasource.username / "
                    + "password (SPRING_DATASOURCE_USERNAME / SPRING_DATASOURCE_PASSWORD); it is now '" + url + "'");
        }
        GovAssistProperties.Pgvector pg = properties.pgvector();
        PgVectorClauseStore store = PgVectorClauseStore.open(dataSource, new PgVectorClauseStore.Settings(
                LexicalAnalyzer.valueOf(properties.search().analyzer().toUpperCase(Locale.ROOT)), pg.efSearch(),
                pg.exactScanThreshold(), pg.lexicalPostingsBudget()));
        bind(store, model, arguments);
        return store;
    }

    /**
     * Binds the store to the model's space. The {@code reindex} command is the one caller that opens a store built
     * by another model: it re-embeds every clause and then records the new space itself.
     */
    private static void bind(ClauseStore store, QueryAwareEmbeddingModel model, ApplicationArguments arguments) {
        try {
            store.bindEmbeddingSpace(new EmbeddingSpace(model.modelId(), model.dimension()));
        } catch (EmbeddingSpaceMismatchException e) {
            if (!CommandLine.isReindex(arguments.getSourceArgs())) {
                store.close(); // the bean fails: release the index (its lock) now
                throw e;
            }
        }
    }

    @Bean
    PolicyReader policyReader(GovAssistProperties properties) {
        return new PolicyReader(new PolicyDocumentParser(properties.ingest().maxChars(),
                properties.ingest().parseTimeout(), properties.ingest().ocr().settings()),
                new ClauseAwareSplitter(properties.ingest().clauseChars()));
    }

    @Bean
    IngestionPipeline ingestionPipeline(PolicyReader reader, QueryAwareEmbeddingModel model, ClauseStore store,
                                        GovAssistProperties properties) {
        return new IngestionPipeline(reader, model, store, properties.ingest().maxFileSize().toBytes(),
                Clock.systemUTC());
    }
}
