package io.govassist.chat;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.rag.AugmentationRequest;
import dev.langchain4j.rag.AugmentationResult;
import dev.langchain4j.rag.RetrievalAugmentor;
import dev.langchain4j.rag.content.Content;
import io.govassist.curated.CuratedAnswers;
import io.govassist.knowledge.SearchScope;
import io.govassist.security.privacy.PersonalDataMasker;
import io.govassist.store.ClauseFilter;
import io.govassist.store.ClauseStore;
import io.govassist.store.DocumentRecord;
import io.govassist.system.ApiException;
import io.govassist.words.SensitiveWords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Answers one question of a conversation: validates and masks it, resolves it against the conversation, retrieves
 * through the {@link RetrievalAugmentor} (query transformer → retriever → threshold aggregator → citation
 * injector), refuses when nothing is relevant, answers extractively or generatively (falling back to extractive
 * with a notice), labels the answer as AI-generated and stores the turn — only when it is complete.
 */
public class ChatResponder {

    private static final Logger log = LoggerFactory.getLogger(ChatResponder.class);
    private static final Pattern UUID_FORMAT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final long EXAMPLES_TTL_NANOS = 60_000_000_000L;

    public static final String EXTRACTIVE = "extractive";
    public static final String GENERATIVE = "generative";
    static final String CURATED = "curated";
    static final String SENSITIVE_QUESTION = "SENSITIVE_QUESTION";
    static final String ANSWER_WITHDRAWN = "ANSWER_WITHDRAWN";

    private final RetrievalAugmentor augmentor;
    private final ConversationRepository conversations;
    private final ExtractiveAnswerComposer composer;
    private final GenerativeAnswerer generative;
    private final ClauseStore store;
    private final ChatProperties settings;
    private final SensitiveWords words;
    private final ServiceGuidanceProperties service;
    private final ServiceIntentDetector intents;
    private final CuratedAnswers curated;
    private volatile CachedExamples examples;

    /** @param generative the LLM answerer, or {@code null} for extractive mode */
    public ChatResponder(RetrievalAugmentor augmentor, ConversationRepository conversations, ExtractiveAnswerComposer composer,
                  GenerativeAnswerer generative, ClauseStore store, ChatProperties settings, SensitiveWords words,
                  ServiceGuidanceProperties service, ServiceIntentDetector intents) {
        this(augmentor, conversations, composer, generative, store, settings, words, service, intents, null);
    }

    /** @param curated the curated answers (常见问题) asked before retrieval, or {@code null} for none */
    ChatResponder(RetrievalAugmentor augmentor, ConversationRepository conversations, ExtractiveAnswerComposer composer,
                  GenerativeAnswerer generative, ClauseStore store, ChatProperties settings, SensitiveWords words,
                  ServiceGuidanceProperties service, ServiceIntentDetector intents, CuratedAnswers curated) {
        this.curated = curated;
        this.words = words;
        this.service = service;
        this.intents = intents;
        this.augmentor = augmentor;
        this.conversations = conversations;
        this.composer = composer;
        this.generative = generative;
        this.store = store;
        this.settings = settings;
    }

    /** Receives the answer text as it is produced. */
    public interface TurnListener {
        /**
         * @param text  the next piece of the answer
         * @param reset whether what was sent before must be discarded (the LLM failed mid-answer and the answer
         *              starts again in extractive mode)
         */
        void delta(String text, boolean reset);

        /**
         * What was sent of the answer must be removed: an output check stopped it. The safe replacement follows as
         * new deltas.
         */
        default void retract(String code, String message) {
        }

        TurnListener NONE = (text, reset) -> {
        };
    }

    /**
     * The checked question of a request; throws the 4xx {@link ApiException} otherwise.
     *
     * @param filter           restricts the clauses retrieved for this question ({@link ClauseFilter#NONE}: all)
     * @param refusalThreshold the request's knowledge base's own refusal threshold, or {@code null} for the global
     *                         {@code govassist.chat.min-relevance}
     */
    public record Checked(String question, String conversationId, boolean newConversation, ClauseFilter filter,
                          Double refusalThreshold) {

        Checked(String question, String conversationId, boolean newConversation) {
            this(question, conversationId, newConversation, ClauseFilter.NONE, null);
        }

        /** This question within the scope of the request's knowledge base. */
        public Checked withScope(SearchScope scope) {
            return new Checked(question, conversationId, newConversation, scope.filter(), scope.refusalThreshold());
        }
    }

    public Checked check(String question, String conversationId) {
        if (question == null || question.isBlank()) {
            throw ApiException.badRequest("EMPTY_QUESTION", "问题不能为空");
        }
        if (question.length() > settings.maxQuestionLength()) {
            throw ApiException.badRequest("QUESTION_TOO_LONG",
                    "问题过长，最多 " + settings.maxQuestionLength() + " 个字符");
        }
        if (words.contains(question)) {
            throw ApiException.badRequest(SENSITIVE_QUESTION, AnswerTexts.SENSITIVE_QUESTION);
        }
        if (conversationId == null || conversationId.isBlank()) {
            return new Checked(question.strip(), UUID.randomUUID().toString(), true);
        }
        if (!UUID_FORMAT.matcher(conversationId).matches()) {
            throw ApiException.badRequest("INVALID_CONVERSATION_ID", "会话编号格式不正确");
        }
        String id = conversationId.toLowerCase(Locale.ROOT);
        if (!conversations.exists(id)) {
            throw ApiException.notFound("CONVERSATION_NOT_FOUND", "会话不存在，请开始新的会话");
        }
        return new Checked(question.strip(), id, false);
    }

    /** Whether a document's clauses may be searched under {@code filter}'s document restriction and exclusions. */
    static boolean inScope(ClauseFilter filter, String documentId) {
        return (filter.documentIds().isEmpty() || filter.documentIds().contains(documentId))
                && !filter.excludedDocumentIds().contains(documentId);
    }

    /**
     * The turns of a conversation this request may build on: a turn citing a document out of the request's scope (a
     * staff conversation on a STAFF knowledge base's document, followed up anonymously) is left out, so neither its
     * clauses nor its answer text reach the query rewriting or the LLM's history.
     */
    static List<PastTurn> inScope(List<PastTurn> turns, ClauseFilter filter) {
        return turns.stream()
                .filter(t -> t.citations().stream().allMatch(c -> inScope(filter, c.documentId())))
                .toList();
    }

    /** Answers a checked question. Throws {@link java.util.concurrent.CancellationException} if cancelled. */
    public ChatAnswer answer(Checked request, TurnListener listener, CancellationSignal cancel) {
        String question = PersonalDataMasker.mask(request.question());
        List<PastTurn> history = request.newConversation() ? List.of()
                : inScope(conversations.recentTurns(request.conversationId(), settings.historyTurns()), request.filter());
        String searchQuery = question;
        String mode = EXTRACTIVE;
        boolean streamed = false;
        DraftAnswer draft;
        boolean injection = PromptInjectionGuard.isInjection(question);
        ServiceIntent redirect = !injection && !HarmfulIntent.asksHowToDoHarm(question)
                ? intents.detect(question).orElse(null) : null;
        CuratedAnswers.Match reviewed = !injection && redirect == null && curated != null
                && !HarmfulIntent.asksHowToDoHarm(question) ? curated.match(question)
                // within the request's scope only: a curated answer on clauses a knowledge base (or a STAFF one's
                // exclusion) leaves out is not served there
                .filter(m -> m.clauses().stream().allMatch(h -> inScope(request.filter(), h.documentId())))
                .orElse(null) : null;
        if (injection) {
            draft = AnswerTexts.refusal(exampleQuestions(), true);
        } else if (redirect != null) {
            // never answered with clause quotes: the documents cannot know the asker's case, account or today
            draft = new DraftAnswer(service.guidance(redirect), List.of(), List.of(), false);
        } else if (reviewed != null) {
            // a staff-reviewed answer (常见问题) to this very question, with the clauses it rests on
            draft = new DraftAnswer(reviewed.answer(), IntStream.range(0, reviewed.clauses().size())
                    .mapToObj(i -> Citation.of(i + 1, reviewed.clauses().get(i))).toList(), List.of(), true);
            mode = CURATED;
        } else {
            ConversationContext context = new ConversationContext(request.conversationId(), history, request.filter(),
                    request.refusalThreshold());
            UserMessage message = UserMessage.from(question);
            AugmentationResult augmented = augmentor.augment(new AugmentationRequest(message,
                    context.metadata(message)));
            Resolution resolution = context.resolution() != null ? context.resolution()
                    : Resolution.standalone(question);
            searchQuery = resolution.searchQuery();
            List<ClauseContent> clauses = clauses(augmented.contents());
            cancel.throwIfCancelled();
            boolean harmful = HarmfulIntent.asksHowToDoHarm(question);
            if (clauses.isEmpty()) {
                draft = AnswerTexts.refusal(exampleQuestions(), harmful);
            } else if (harmful) {
                draft = composer.compose(resolution, clauses).withNotice(AnswerTexts.HARMFUL_INTENT);
            } else if (generative == null) {
                draft = composer.compose(resolution, clauses);
            } else {
                AtomicBoolean sent = new AtomicBoolean();
                boolean blocked = false;
                OutputWindow window = new OutputWindow(List.of(words.matcher(), GenerativeAnswerer.PROMPT_NGRAMS), text -> {
                    sent.set(true);
                    listener.delta(text, false);
                });
                try {
                    draft = generative.answer(ConversationContext.messages(history), augmented.chatMessage(),
                            clauses, window::accept, cancel);
                    window.finish();
                    mode = GENERATIVE;
                    streamed = true;
                } catch (GenerativeAnswerer.Blocked e) {
                    cancel.throwIfCancelled();
                    log.info("Generative answer stopped by the {} check; answering extractively",
                            window.hitBy() == 0 ? "sensitive-word" : "system-prompt leak");
                    blocked = true;
                    draft = composer.compose(resolution, clauses).withNotice(AnswerTexts.ANSWER_WITHDRAWN);
                } catch (GenerativeAnswerer.Declined e) {
                    draft = AnswerTexts.refusal(exampleQuestions(), false);
                } catch (GenerativeAnswerer.LlmFailure e) {
                    cancel.throwIfCancelled();
                    log.warn("LLM answer failed ({}); answering extractively", e.getMessage());
                    draft = composer.compose(resolution, clauses)
                            .withNotice(e.reason() == GenerativeAnswerer.LlmFailure.Reason.UNCITED
                                    ? AnswerTexts.LLM_UNCITED : AnswerTexts.LLM_FALLBACK);
                }
                if (blocked) {
                    listener.retract(ANSWER_WITHDRAWN, AnswerTexts.ANSWER_WITHDRAWN);
                } else if (!streamed && sent.get()) {
                    listener.delta("", true);
                }
            }
        }
        cancel.throwIfCancelled();
        if (draft.grounded() && service.enabled()) {
            Optional<String> place = LocalCoverage.uncoveredPlace(question, draft.citations());
            if (place.isPresent()) {
                draft = draft.withNotice(service.localNotice(place.get()));
            }
        }
        if (!streamed && words.contains(draft.text())) {
            draft = AnswerTexts.withheld();
            mode = CURATED.equals(mode) ? EXTRACTIVE : mode;
        }
        boolean curatedAnswer = CURATED.equals(mode) && draft.grounded();
        String answer = curatedAnswer ? draft.text().strip() + "\n\n" + CuratedAnswers.LABEL
                : AnswerTexts.labelled(draft.text());
        if (streamed) {
            listener.delta("\n\n" + AnswerTexts.AI_LABEL, false);
        } else {
            for (String piece : pieces(answer)) {
                listener.delta(piece, false);
            }
        }
        cancel.throwIfCancelled();
        String turnId = conversations.append(request.conversationId(), new ConversationRepository.NewTurn(question,
                searchQuery, answer, draft.citations(), draft.notices(), draft.grounded(), mode));
        return new ChatAnswer(request.conversationId(), turnId, answer, draft.grounded(), mode, draft.citations(),
                draft.notices(), !curatedAnswer, redirect == null ? null : redirect.name(),
                curatedAnswer ? reviewed.id() : null);
    }

    private static List<ClauseContent> clauses(List<Content> contents) {
        List<ClauseContent> out = new ArrayList<>(contents.size());
        for (Content c : contents) {
            if (c instanceof ClauseContent clause) {
                out.add(clause);
            }
        }
        return out;
    }

    /** The answer in line-sized pieces for streaming, line breaks kept. */
    static List<String> pieces(String answer) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < answer.length(); i++) {
            if (answer.charAt(i) == '\n') {
                pieces.add(answer.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < answer.length()) {
            pieces.add(answer.substring(start));
        }
        return pieces;
    }

    private record CachedExamples(List<String> questions, long at) {
    }

    /** Example questions naming a few loaded documents, refreshed at most once a minute. */
    List<String> exampleQuestions() {
        CachedExamples cached = examples;
        long now = System.nanoTime();
        if (cached != null && now - cached.at() < EXAMPLES_TTL_NANOS) {
            return cached.questions();
        }
        List<DocumentRecord> documents = store.listDocuments();
        List<String> questions = new ArrayList<>();
        int n = documents.size();
        for (int i : n <= 3 ? IntStream.range(0, n).toArray() : new int[]{0, n / 2, n - 1}) {
            questions.add("《" + documents.get(i).metadata().title() + "》有哪些主要规定？");
        }
        examples = new CachedExamples(List.copyOf(questions), now);
        return examples.questions();
    }
}
