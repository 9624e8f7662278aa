package io.govassist.ingestion;

/** Legal status of a policy document, as far as its own text tells. */
public enum DocumentStatus {
    /** No status marker: an ordinary document in force. */
    NORMAL,
    /** 征求意见稿 / 草案: published for comment, not in force. */
    DRAFT,
    /** 试行. */
    TRIAL,
    /** 暂行. */
    PROVISIONAL,
    /** 已废止 / 失效. */
    REPEALED
}
