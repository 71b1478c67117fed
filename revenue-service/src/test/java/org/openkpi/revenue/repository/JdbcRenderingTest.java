package org.openkpi.revenue.repository;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.openkpi.revenue.EmbeddedPostgresResource;
import org.postgresql.PGConnection;

/**
 * Rows and arrays the write path renders before the tenant lock ({@link Jdbc.CopyText}, {@link Jdbc.RowsButLast},
 * {@link Jdbc.TextArray}) read back from PostgreSQL exactly as the values they were rendered from, whatever characters
 * the values hold.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class JdbcRenderingTest {

    /** Characters with a meaning in an array literal or in COPY text, and text that looks like what it is not. */
    private static final List<String> AWKWARD = List.of("plain", "a\"b", "back\\slash", "\\", "\"", "com,ma", "{braces}",
            "NULL", "null", "", " lead and trail ", "tab\there", "new\nline", "cr\rhere", "\\N", "€ and ü", "'); DROP TABLE x; --");

    @Inject
    DataSource dataSource;

    @Test
    void amountsAreRenderedAsTheirPlainStrings() {
        List<BigDecimal> values = new ArrayList<>();
        for (String v : List.of("0", "0.0000", "-0.0001", "0.0500", "166.6667", "-12500.00", "1E+3", "-7E+2", "1E-18", "-5E-20",
                "999999999999999999", "-999999999999999999", "1000000000000000000", "0.999999999999999999",
                "123456789012345678.9", "-9223372036854775808", "9223372036854775807.0001")) {
            values.add(new BigDecimal(v));
        }
        Random random = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            values.add(BigDecimal.valueOf(random.nextLong() >> random.nextInt(64), random.nextInt(24) - 3));
        }
        for (BigDecimal value : values) {
            StringBuilder sb = new StringBuilder("x");
            Jdbc.CopyRow.appendPlain(sb, value);
            assertEquals("x" + value.toPlainString(), sb.toString(), () -> value.unscaledValue() + " scale " + value.scale());
        }
    }

    @Test
    void textArrayLiteralsReadBackAsTheirValues() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT ?::text[], cardinality(?::text[])")) {
            for (List<String> values : List.of(AWKWARD, List.<String>of(), List.of("one"))) {
                Jdbc.setTextArray(ps, 1, Jdbc.TextArray.of(values));
                Jdbc.setTextArray(ps, 2, Jdbc.TextArray.of(values));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    Array array = rs.getArray(1);
                    assertArrayEquals(values.toArray(), (Object[]) array.getArray());
                    assertEquals(values.size(), rs.getInt(2));
                }
            }
        }
    }

    @Test
    void copyRowsRenderedAheadAndCompletedLaterReadBackAsTheirValues() throws Exception {
        record Row(String text, LocalDate day, BigDecimal amount, Boolean flag) {
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < AWKWARD.size(); i++) {
            rows.add(new Row(AWKWARD.get(i), LocalDate.of(2024, 2, 29).plusDays(i), new BigDecimal("-1234.5").movePointLeft(i % 3),
                    i % 2 == 0 ? null : i % 4 == 1));
        }
        Jdbc.RowWriter<Row> writer = (row, r) -> row.add(r.text()).add(r.day()).add(r.amount()).add(r.flag());
        long[] seqs = new long[rows.size() + 2];
        for (int i = 0; i < seqs.length; i++) {
            seqs[i] = 9_000_000_000L + 7L * i;
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false); // the pooled connection outlives the test: the table goes with the rollback
            s.execute("CREATE TEMP TABLE rendered (text text, day date, amount numeric, flag boolean, seq bigint)");
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn("COPY rendered (text, day, amount, flag) FROM STDIN",
                    new java.io.StringReader(Jdbc.render(rows, writer).rows()));
            // the same rows, their last column (seqs from the third on) appended only now
            copy.copyIn("COPY rendered (text, day, amount, flag, seq) FROM STDIN",
                    new java.io.StringReader(Jdbc.renderButLast(rows, writer).complete(seqs, 2).rows()));
            List<Row> whole = new ArrayList<>();
            List<Row> completed = new ArrayList<>();
            List<Long> completedSeqs = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT text, day, amount, flag, seq FROM rendered ORDER BY seq NULLS FIRST, day")) {
                while (rs.next()) {
                    Row r = new Row(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getBigDecimal(3),
                            (Boolean) rs.getObject(4));
                    long seq = rs.getLong(5);
                    if (rs.wasNull()) {
                        whole.add(r);
                    } else {
                        completed.add(r);
                        completedSeqs.add(seq);
                    }
                }
            }
            assertEquals(rows, whole);
            assertEquals(rows, completed);
            for (int i = 0; i < rows.size(); i++) {
                assertEquals(seqs[2 + i], completedSeqs.get(i));
            }
            c.rollback();
        }
    }
}
