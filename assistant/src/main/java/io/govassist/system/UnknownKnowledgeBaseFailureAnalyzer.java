package io.govassist.system;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A start stopped by an import path naming a missing knowledge base: what and what to do, not a stack trace. */
class UnknownKnowledgeBaseFailureAnalyzer extends AbstractFailureAnalyzer<StartupImport.UnknownKnowledgeBase> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StartupImport.UnknownKnowledgeBase cause) {
        String description = cause.getMessage();
        return new FailureAnalysis(description.substring(0, description.indexOf(StartupImport.UnknownKnowledgeBase.ACTION))
                .strip(), StartupImport.UnknownKnowledgeBase.ACTION, cause);
    }
}
