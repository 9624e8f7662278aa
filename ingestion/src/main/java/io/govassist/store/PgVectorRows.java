package io.govassist.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pgvector.PGvector;
import io.govassist.ingestion.Clause;
import io.govassist.ingestion.DocumentStatus;
import io.govassist.ingestion.PolicyMetadata;
import io.govassist.ingestion.ResponsibleUnits;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The column values of {@link PgVectorClauseStore}'s tables and the objects they hold: the clause detail JSON, the
 * {@code tsvector} and {@code tsquery} input text of tokens, document rows.
 */
final class PgVectorRows {

    /** Most positions kept per lexeme (PostgreSQL keeps at most 256) and the largest position (16383). */
    private static final int MAX_POSITIONS = 255;
    private static final int MAX_POSITION = 16383;

    private static final ObjectMapper JSON = new ObjectMapper();

    static final String DOCUMENT_COLUMNS =
            "id, source, content_hash, title, doc_number, issuer, doc_date, status, clause_count, ingested_at, "
                    + "ingested_nanos";

    private PgVectorRows() {
    }

    static String detailJson(Clause c) {
        ObjectNode o = JSON.createObjectNode();
        o.set("path", JSON.valueToTree(c.path()));
        o.set("markers", JSON.valueToTree(c.markers()));
        o.set("lead", JSON.valueToTree(c.responsibleUnits().lead()));
        o.set("cooperating", JSON.valueToTree(c.responsibleUnits().cooperating()));
        o.put("part", c.part());
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Clause toClause(String label, String text, String detailJson) throws SQLException {
        try {
            JsonNode d = JSON.readTree(detailJson);
            return new Clause(strings(d.get("path")), strings(d.get("markers")), label, text,
                    new ResponsibleUnits(strings(d.get("lead")), strings(d.get("cooperating"))),
                    d.path("part").asInt(0));
        } catch (JsonProcessingException e) {
            throw new SQLException("corrupt clause detail JSON: " + e.getMessage(), e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    /** The record of a row of {@link #DOCUMENT_COLUMNS}. */
    static DocumentRecord toRecord(ResultSet rs) throws SQLException {
        Date date = rs.getDate(7);
        PolicyMetadata m = new PolicyMetadata(rs.getString(4), rs.getString(5), rs.getString(6),
                date == null ? null : date.toLocalDate().toString(), status(rs.getString(8)));
        return new DocumentRecord(rs.getString(1), rs.getString(2), rs.getString(3), m, rs.getInt(9),
                rs.getTimestamp(10).toInstant().with(ChronoField.NANO_OF_SECOND, rs.getInt(11)));
    }

    static DocumentStatus status(String s) {
        return s == null ? DocumentStatus.NORMAL : DocumentStatus.valueOf(s);
    }

    static float[] parseVector(String text) throws SQLException {
        return new PGvector(text).toArray();
    }

    /**
     * The {@code tsvector} input text of {@code tokens}: each distinct token quoted, with its 1-based positions so
     * the rank function sees term frequencies. No text search configuration touches the tokens.
     */
    static String tsvector(List<String> tokens) {
        Map<String, List<Integer>> positions = new LinkedHashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            List<Integer> p = positions.computeIfAbsent(tokens.get(i), t -> new ArrayList<>());
            if (p.size() < MAX_POSITIONS) {
                p.add(Math.min(i + 1, MAX_POSITION));
            }
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, List<Integer>> e : positions.entrySet()) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            quoteLexeme(sb, e.getKey());
            sb.append(':');
            List<Integer> p = e.getValue();
            for (int i = 0; i < p.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(p.get(i));
            }
        }
        return sb.toString();
    }

    /** The {@code tsquery} input text matching exactly the token {@code term}. */
    static String tsqueryTerm(String term) {
        StringBuilder sb = new StringBuilder();
        quoteLexeme(sb, term);
        return sb.toString();
    }

    private static void quoteLexeme(StringBuilder sb, String lexeme) {
        sb.append('\'');
        for (int i = 0; i < lexeme.length(); i++) {
            char ch = lexeme.charAt(i);
            if (ch == '\'' || ch == '\\') {
                sb.append(ch);
            }
            sb.append(ch);
        }
        sb.append('\'');
    }
}
