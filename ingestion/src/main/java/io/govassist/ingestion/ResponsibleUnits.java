package io.govassist.ingestion;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;

/**
 * Units responsible for a clause, as written in {@code （责任单位：A，B、C）}. By the convention
 * "逗号前为牵头单位" the units before the first comma lead; the rest cooperate.
 */
public record ResponsibleUnits(List<String> lead, List<String> cooperating) {

    public static final ResponsibleUnits NONE = new ResponsibleUnits(List.of(), List.of());

    public ResponsibleUnits {
        lead = List.copyOf(lead);
        cooperating = List.copyOf(cooperating);
        if (lead.stream().anyMatch(String::isBlank) || cooperating.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("responsible unit names must not be blank");
        }
    }

    @JsonIgnore
    public boolean isEmpty() {
        return lead.isEmpty() && cooperating.isEmpty();
    }
}
