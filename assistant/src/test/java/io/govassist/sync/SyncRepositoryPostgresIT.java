package io.govassist.sync;

import io.govassist.PostgresSupport;
import io.govassist.sync.SyncRepository.Outcome;
import io.govassist.sync.SyncRepository.PageState;
import io.govassist.sync.SyncRepository.PageStatus;
import io.govassist.sync.SyncRepository.RunPage;
import io.govassist.sync.SyncRepository.RunStatus;
import io.govassist.sync.SyncRepository.Trigger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sync tables on a PostgreSQL application database (the pgvector deployment's): a source runs once at a time (a
 * second start is refused until the first finishes, a run left RUNNING past the stale limit is failed), page states
 * are inserted then updated, run results counted, and deleting a source takes its runs and pages with it.
 */
class SyncRepositoryPostgresIT {

    private static final PostgresSupport db = new PostgresSupport();

    @BeforeAll
    static void available() {
        PostgresSupport.requireAvailable();
    }

    @AfterAll
    static void dropSchemas() {
        db.dropAll();
    }

    @Test
    void a_source_runs_once_at_a_time_and_keeps_its_page_states_until_deleted() {
        JdbcClient jdbc = db.newMigratedAppSchema("sync");
        SyncRepository repository = new SyncRepository(jdbc);
        String id = repository.createSource("国务院政策文件库", "http://127.0.0.1:1/zhengce/", "/content_\\d+", 1, null, 1000,
                true, null, "admin");
        Instant longAgo = Instant.now().minus(Duration.ofHours(1));

        String run = repository.startRun(id, Trigger.MANUAL, "admin", longAgo).orElseThrow();
        assertThat(repository.startRun(id, Trigger.SCHEDULED, "system", longAgo)).as("running already").isEmpty();
        assertThat(repository.running(id)).isTrue();

        String url = "http://127.0.0.1:1/zhengce/content_1.htm";
        repository.savePage(id, new PageState(url, "\"v1\"", null, "abc", "doc1", "标题", PageStatus.OK, null, null,
                Instant.now(), Instant.now(), Instant.now(), null));
        repository.savePage(id, new PageState(url, "\"v1\"", null, "abc", "doc1", "标题", PageStatus.MISSING,
                "NOT_LISTED", "已不在列表页中", Instant.now(), Instant.now(), Instant.now(), Instant.now()));
        repository.addRunPage(run, new RunPage(1, url, Outcome.MISSING, null, "doc1", "标题", "NOT_LISTED", "已不在列表页中"));
        repository.finishRun(run, RunStatus.SUCCEEDED, 1, 1, true, null, null);

        assertThat(repository.pages(id)).hasSize(1);
        assertThat(repository.pages(id).get(url).status()).isEqualTo(PageStatus.MISSING);
        assertThat(repository.pages(id).get(url).missingSince()).isNotNull();
        assertThat(repository.outcomeCounts(run).get(Outcome.MISSING)).isEqualTo(1);
        assertThat(repository.findRun(run).orElseThrow().status()).isEqualTo(RunStatus.SUCCEEDED);

        String next = repository.startRun(id, Trigger.SCHEDULED, "system", longAgo).orElseThrow();
        assertThat(repository.startRun(id, Trigger.MANUAL, "admin", Instant.now().plusSeconds(1)))
                .as("a run older than the stale limit is taken as dead").isPresent();
        assertThat(repository.findRun(next).orElseThrow().errorCode()).isEqualTo("INTERRUPTED");

        assertThat(repository.deleteSource(id)).isTrue();
        assertThat(repository.pages(id)).isEmpty();
        assertThat(repository.findRun(run)).isEmpty();
    }
}
