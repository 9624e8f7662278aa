package io.govassist.eval;

import io.govassist.chat.CancellationSignal;
import io.govassist.chat.ChatAnswer;
import io.govassist.chat.ChatProperties;
import io.govassist.chat.ChatResponder;
import io.govassist.chat.ConversationRepository;
import io.govassist.system.DemoCorpus;

import io.govassist.ingestion.IngestionPipeline;
import io.govassist.search.HybridClauseRetriever;
import io.govassist.store.ClauseFilter;
import io.govassist.store.ClauseStore;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code java -jar govassist.jar chat-benchmark QUESTIONS.jsonl [--clients=1,8] [--requests=200]
 * [--govassist.data-dir=DIR]}: extractive chat latency on the store of the data directory (the bundled demo corpus is
 * imported first when the store is empty). Each request is a whole turn in process — masking, retrieval (query
 * embedding, hybrid search), threshold, answer, storing the turn — without HTTP; {@code clients} threads send the
 * questions concurrently. The turns written are deleted afterwards. Prints a Markdown table with, as the baseline
 * measured in the same run (before and after the chat runs), the hybrid search alone for the same questions.
 */
@Component
@Profile("cli")
class ChatBenchmark implements ApplicationRunner, ExitCodeGenerator {

    static final String COMMAND = "chat-benchmark";

    private final ChatResponder responder;
    private final HybridClauseRetriever retriever;
    private final ChatProperties settings;
    private final ConversationRepository conversations;
    private final ClauseStore store;
    private final IngestionPipeline pipeline;
    private int exitCode;

    ChatBenchmark(ChatResponder responder, HybridClauseRetriever retriever, ChatProperties settings,
                  ConversationRepository conversations, ClauseStore store, IngestionPipeline pipeline) {
        this.responder = responder;
        this.retriever = retriever;
        this.settings = settings;
        this.conversations = conversations;
        this.store = store;
        this.pipeline = pipeline;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> words = args.getNonOptionArgs();
        if (words.isEmpty() || !COMMAND.equals(words.get(0))) {
            return;
        }
        if (words.size() != 2) {
            System.err.println("usage: java -jar govassist.jar " + COMMAND
                    + " QUESTIONS.jsonl [--clients=1,8] [--requests=200]");
            exitCode = 2;
            return;
        }
        List<String> values = args.getOptionValues("clients");
        List<Integer> clients = values == null ? List.of(1, 8)
                : Arrays.stream(values.getFirst().split(",")).map(String::strip).map(Integer::parseInt).toList();
        List<String> requests = args.getOptionValues("requests");
        if (store.clauseCount() == 0) {
            System.err.println("The store is empty: importing the bundled demo corpus first");
            DemoCorpus.ingestAll(pipeline, store, (result, done) -> { });
        }
        List<String> questions = RefusalCalibration.read(Path.of(words.get(1))).stream()
                .map(RefusalCalibration.Question::text).toList();
        exitCode = run(questions, clients, requests == null ? 200 : Integer.parseInt(requests.getFirst()),
                System.out);
    }

    int run(List<String> questions, List<Integer> clientCounts, int requests, PrintStream out) {
        if (questions.isEmpty()) {
            System.err.println("no questions");
            return 2;
        }
        ConcurrentLinkedQueue<String> created = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < Math.min(20, questions.size()); i++) {
            ask(questions.get(i), created);
            retriever.search(questions.get(i), settings.candidates(), ClauseFilter.NONE);
        }
        out.printf("Machine: %d cores, %.0f GB heap max; store: %d documents, %d clauses; %d questions; %s%n%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / 1e9,
                store.listDocuments().size(), store.clauseCount(), questions.size(), LocalDate.now());
        out.println("| what | concurrent clients | requests | grounded | p50 | p95 | mean | throughput |");
        out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
        baseline(questions, requests, "before", out);
        for (int clients : clientCounts) {
            AtomicInteger next = new AtomicInteger();
            AtomicInteger grounded = new AtomicInteger();
            List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
            long start = System.nanoTime();
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                threads.add(Thread.ofPlatform().name("chat-bench-" + c).start(() -> {
                    for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                        long t = System.nanoTime();
                        if (ask(questions.get(i % questions.size()), created)) {
                            grounded.incrementAndGet();
                        }
                        nanos.add(System.nanoTime() - t);
                    }
                }));
            }
            for (Thread t : threads) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return 1;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
            out.printf(Locale.ROOT, "| extractive chat turn | %d | %d | %d | %.1f ms | %.1f ms | %.1f ms | %.1f req/s |%n", clients,
                    sorted.length, grounded.get(), percentile(sorted, 50), percentile(sorted, 95),
                    Arrays.stream(sorted).average().orElse(0) / 1e6, sorted.length / seconds);
        }
        baseline(questions, requests, "after", out);
        created.forEach(conversations::delete);
        return 0;
    }

    /** The hybrid search alone (query embedding included) for the same questions, one client. */
    private void baseline(List<String> questions, int requests, String when, PrintStream out) {
        long[] search = new long[requests];
        long start = System.nanoTime();
        for (int i = 0; i < search.length; i++) {
            long t = System.nanoTime();
            retriever.search(questions.get(i % questions.size()), settings.candidates(), ClauseFilter.NONE);
            search[i] = System.nanoTime() - t;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(search);
        out.printf(Locale.ROOT, "| baseline (%s): hybrid search only, embedding included | 1 | %d | – | %.1f ms | %.1f ms | %.1f ms | %.1f req/s |%n",
                when, search.length, percentile(search, 50), percentile(search, 95),
                Arrays.stream(search).average().orElse(0) / 1e6, search.length / seconds);
    }

    private boolean ask(String question, ConcurrentLinkedQueue<String> created) {
        ChatAnswer answer = responder.answer(responder.check(question, null), ChatResponder.TurnListener.NONE,
                new CancellationSignal());
        created.add(answer.conversationId());
        return answer.grounded();
    }

    private static double percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
