package io.govassist.chat;

import io.govassist.models.QueryAwareEmbeddingModel;

import java.util.Optional;

/**
 * Decides whether a question is one of the {@link ServiceIntent}s: the wording rules, unless the classifier is sure
 * the question is an ordinary one (probability of none above {@code ruleVeto}); else the classifier, when its most
 * probable intent reaches {@code minConfidence}. Without a classifier for the configured embedding model, the rules
 * alone. The combination and its thresholds were chosen on the tuning halves ({@code docs/quality.md}).
 */
public final class ServiceIntentDetector {

    private final QueryAwareEmbeddingModel model;
    private final ServiceIntentClassifier classifier;
    private final ServiceGuidanceProperties settings;

    /** @param classifier {@code null} for the rules alone */
    ServiceIntentDetector(QueryAwareEmbeddingModel model, ServiceIntentClassifier classifier,
                          ServiceGuidanceProperties settings) {
        this.model = model;
        this.classifier = classifier;
        this.settings = settings;
    }

    Optional<ServiceIntent> detect(String question) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        Optional<ServiceIntent> rule = ServiceIntent.of(question);
        if (classifier == null) {
            return rule;
        }
        double[] p = classifier.probabilities(model.embedQuery(question).vector());
        if (rule.isPresent() && classifier.none(p) <= settings.ruleVeto()) {
            return rule;
        }
        // "帮我预约…需要准备什么材料" asks how: not a request to act, however much it reads like one
        return classifier.intent(p, settings.minConfidence())
                .filter(i -> i != ServiceIntent.ACT_FOR_ME || !ServiceIntent.asksHowOrWhat(question));
    }

    boolean hasClassifier() {
        return classifier != null;
    }
}
