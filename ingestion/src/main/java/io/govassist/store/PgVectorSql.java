package io.govassist.store;

import com.pgvector.PGvector;

import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** SQL text with positional parameters collected alongside. */
final class PgVectorSql {
    private final StringBuilder sql = new StringBuilder();
    private final List<Object> params = new ArrayList<>();

    PgVectorSql append(String s) {
        sql.append(s);
        return this;
    }

    PgVectorSql param(Object value) {
        sql.append('?');
        params.add(value);
        return this;
    }

    PreparedStatement prepare(Connection c) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql.toString());
        try {
            for (int i = 0; i < params.size(); i++) {
                Object p = params.get(i);
                switch (p) {
                    case String[] a -> {
                        Array array = c.createArrayOf("text", a);
                        ps.setArray(i + 1, array);
                    }
                    case Integer[] a -> ps.setArray(i + 1, c.createArrayOf("int4", a));
                    case Integer n -> ps.setInt(i + 1, n);
                    case Long n -> ps.setLong(i + 1, n);
                    case Double d -> ps.setDouble(i + 1, d);
                    case Date d -> ps.setDate(i + 1, d);
                    case PGvector v -> ps.setObject(i + 1, v);
                    case String s -> ps.setString(i + 1, s);
                    default -> throw new IllegalArgumentException("unsupported parameter " + p.getClass());
                }
            }
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }
}
