package io.govassist.words;

import io.govassist.security.audit.AuditLog;
import io.govassist.system.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Optional;

/**
 * {@code /api/v1/admin/sensitive-words} (ADMIN): lists the bundled and the added sensitive words, adds and removes
 * words. Every change, successful or refused, is written to the audit log as {@code SETTING_CHANGE}.
 */
@RestController
@RequestMapping("/api/v1/admin/sensitive-words")
class SensitiveWordController {

    static final String AUDIT_ACTION = "SETTING_CHANGE";
    static final String AUDIT_TARGET = "sensitive-words";

    private final SensitiveWords words;
    private final AuditLog audit;

    SensitiveWordController(SensitiveWords words, AuditLog audit) {
        this.words = words;
        this.audit = audit;
    }

    record AddRequest(String word) {
    }

    record WordList(boolean enabled, List<String> bundled, List<SensitiveWords.Entry> words) {
    }

    @GetMapping
    WordList list() {
        return new WordList(words.enabled(), words.bundled(), words.custom());
    }

    @PostMapping
    ResponseEntity<SensitiveWords.Entry> add(@RequestBody(required = false) AddRequest request, Authentication user) {
        String word = request == null || request.word() == null ? "" : request.word().strip();
        String problem = problem(word);
        if (problem != null) {
            audit.record(AUDIT_ACTION, AUDIT_TARGET, AuditLog.Outcome.FAILURE, "add refused: INVALID_WORD");
            throw ApiException.badRequest("INVALID_WORD", problem);
        }
        return switch (words.add(word, user.getName())) {
            case SensitiveWords.Added.Created(SensitiveWords.Entry entry) -> {
                audit.record(AUDIT_ACTION, AUDIT_TARGET, AuditLog.Outcome.SUCCESS,
                        "add #" + entry.id() + " " + entry.word());
                yield ResponseEntity.status(HttpStatus.CREATED).body(entry);
            }
            case SensitiveWords.Added.Exists() -> {
                audit.record(AUDIT_ACTION, AUDIT_TARGET, AuditLog.Outcome.FAILURE, "add " + word + ": WORD_EXISTS");
                throw new ApiException(HttpStatus.CONFLICT, "WORD_EXISTS", "该敏感词已在列表中（含内置词表）");
            }
        };
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> remove(@PathVariable String id) {
        long n;
        try {
            n = Long.parseLong(id);
        } catch (NumberFormatException e) {
            n = -1;
        }
        Optional<SensitiveWords.Entry> removed = n < 0 ? Optional.empty() : words.remove(n);
        if (removed.isEmpty()) {
            audit.record(AUDIT_ACTION, AUDIT_TARGET, AuditLog.Outcome.FAILURE, "remove #" + id + ": WORD_NOT_FOUND");
            throw ApiException.notFound("WORD_NOT_FOUND", "没有这个自定义敏感词（内置词表不能在此删除）");
        }
        audit.record(AUDIT_ACTION, AUDIT_TARGET, AuditLog.Outcome.SUCCESS,
                "remove #" + removed.get().id() + " " + removed.get().word());
        return ResponseEntity.noContent().build();
    }

    /** Why a word cannot be listed, or {@code null}. */
    static String problem(String word) {
        if (word.isEmpty()) {
            return "请填写敏感词（word）";
        }
        if (word.length() > SensitiveWords.MAX_WORD_LENGTH) {
            return "敏感词最多 " + SensitiveWords.MAX_WORD_LENGTH + " 个字符";
        }
        if (word.chars().anyMatch(Character::isISOControl)) {
            return "敏感词不能包含控制字符或换行";
        }
        if (AhoCorasick.fold(word).length() < 2) {
            return "敏感词至少需要 2 个有效字符（单个字会误拦大量正常内容）";
        }
        return null;
    }
}
