package org.openkpi.revenue.repository;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.revenue.util.IsoText;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.postgresql.util.ServerErrorMessage;

/**
 * Thin JDBC helpers: statements bound and mapped by the caller, connections from the pool enlisted in
 * the caller's transaction. SQL failures surface as {@link IllegalStateException} (reported as INTERNAL).
 */
@ApplicationScoped
public class Jdbc {

    private final DataSource dataSource;

    public Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    @FunctionalInterface
    public interface RowConsumer {
        void accept(ResultSet rs) throws SQLException;
    }

    @FunctionalInterface
    public interface ItemBinder<T> {
        void bind(PreparedStatement ps, T item) throws SQLException;
    }

    public <T> List<T> list(String sql, Binder binder, RowMapper<T> mapper) {
        List<T> out = new ArrayList<>();
        each(sql, binder, rs -> out.add(mapper.map(rs)));
        return out;
    }

    /**
     * Streams the rows to the consumer. The driver only streams (fetch size) without autocommit, so a
     * read outside a transaction runs in a short read-only one of its own instead of being buffered.
     */
    public void each(String sql, Binder binder, RowConsumer consumer) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            if (autoCommit) {
                c.setAutoCommit(false);
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                binder.bind(ps);
                ps.setFetchSize(5000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        consumer.accept(rs);
                    }
                }
            } finally {
                if (autoCommit) {
                    c.rollback();
                    c.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("query failed", e);
        }
    }

    public int update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("update failed", e);
        }
    }

    public <T> void batch(String sql, Collection<T> items, ItemBinder<T> binder) {
        if (items.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int pending = 0;
            for (T item : items) {
                binder.bind(ps, item);
                ps.addBatch();
                if (++pending == 2000) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("batch failed", e);
        }
    }

    /** Appends one row of PostgreSQL's COPY text format. */
    public static final class CopyRow {
        private final StringBuilder sb;
        private boolean first = true;

        CopyRow(StringBuilder sb) {
            this.sb = sb;
        }

        public CopyRow add(Object value) {
            if (!first) {
                sb.append('\t');
            }
            first = false;
            if (value == null) {
                sb.append("\\N");
                return this;
            }
            if (value instanceof java.math.BigDecimal b) {
                appendPlain(sb, b); // digits, sign and point: nothing to escape
                return this;
            }
            if (value instanceof Number) {
                sb.append(value);
                return this;
            }
            // as toString writes them (nothing to escape), without the formatter
            if (value instanceof java.time.LocalDate d) {
                IsoText.appendDate(sb, d);
                return this;
            }
            if (value instanceof java.time.Instant i) {
                IsoText.appendInstant(sb, i);
                return this;
            }
            String text = value.toString();
            if (!needsEscape(text)) {
                sb.append(text);
                return this;
            }
            for (int i = 0; i < text.length(); i++) {
                char ch = text.charAt(i);
                switch (ch) {
                    case '\\' -> sb.append("\\\\");
                    case '\t' -> sb.append("\\t");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    default -> sb.append(ch);
                }
            }
            return this;
        }

        private static final long[] POWERS_OF_TEN = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
            100_000_000L, 1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L,
            100_000_000_000_000L, 1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L};

        /**
         * {@link java.math.BigDecimal#toPlainString()}, appended: a value of up to 18 digits is written from its unscaled
         * long, without the intermediate strings (money amounts, rendered by the million per ingestion); any other
         * goes through toPlainString.
         */
        static void appendPlain(StringBuilder sb, java.math.BigDecimal b) {
            int scale = b.scale();
            if (scale < 0 || scale >= POWERS_OF_TEN.length || b.precision() > 18) {
                sb.append(b.toPlainString());
                return;
            }
            // the unscaled value as a long, without the BigInteger that unscaledValue() builds for it
            long unscaled = b.scaleByPowerOfTen(scale).longValueExact();
            if (unscaled < 0) {
                sb.append('-');
                unscaled = -unscaled;
            }
            if (scale == 0) {
                sb.append(unscaled);
                return;
            }
            long power = POWERS_OF_TEN[scale];
            long fraction = unscaled % power;
            sb.append(unscaled / power).append('.');
            for (int digits = scale - 1; digits > 0 && fraction < POWERS_OF_TEN[digits]; digits--) {
                sb.append('0');
            }
            sb.append(fraction);
        }

        private static boolean needsEscape(String text) {
            for (int i = 0; i < text.length(); i++) {
                char ch = text.charAt(i);
                if (ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r') {
                    return true;
                }
            }
            return false;
        }
    }

    @FunctionalInterface
    public interface RowWriter<T> {
        void write(CopyRow row, T item);
    }

    /** COPY text rows rendered ahead of the statement that sends them (for instance before a lock is taken). */
    public record CopyText(String rows) {

        public boolean isEmpty() {
            return rows.isEmpty();
        }
    }

    /** Renders the items as COPY text rows. */
    public static <T> CopyText render(Collection<T> items, RowWriter<T> writer) {
        StringBuilder sb = new StringBuilder(items.size() * 128);
        for (T item : items) {
            writer.write(new CopyRow(sb), item);
            sb.append('\n');
        }
        return new CopyText(sb.toString());
    }

    /**
     * COPY text rows rendered ahead but for their last column, a number known only when they are sent (such as a
     * sequence value handed out under a lock): {@link #complete} appends it.
     */
    public static final class RowsButLast {
        private final String text;
        private final int[] ends;

        private RowsButLast(String text, int[] ends) {
            this.text = text;
            this.ends = ends;
        }

        public int size() {
            return ends.length;
        }

        /** The rows, row {@code i} ending with {@code last[from + i]}. */
        public CopyText complete(long[] last, int from) {
            StringBuilder sb = new StringBuilder(text.length() + ends.length * 12);
            int start = 0;
            for (int i = 0; i < ends.length; i++) {
                sb.append(text, start, ends[i]).append(last[from + i]).append('\n');
                start = ends[i];
            }
            return new CopyText(sb.toString());
        }
    }

    /** Renders the items as COPY text rows, each with a last column still to come ({@link RowsButLast#complete}). */
    public static <T> RowsButLast renderButLast(Collection<T> items, RowWriter<T> writer) {
        StringBuilder sb = new StringBuilder(items.size() * 128);
        int[] ends = new int[items.size()];
        int i = 0;
        for (T item : items) {
            writer.write(new CopyRow(sb), item);
            sb.append('\t');
            ends[i++] = sb.length();
        }
        return new RowsButLast(sb.toString(), ends);
    }

    /**
     * Bulk-inserts with COPY ... FROM STDIN on the caller's (transaction's) connection: far less work per
     * row than INSERT for both the driver and the server. {@code target} is "table (col, col, ...)".
     */
    public <T> void copyIn(String target, Collection<T> items, RowWriter<T> writer) {
        copyIn(target, render(items, writer));
    }

    /** As {@link #copyIn(String, Collection, RowWriter)}, with the rows rendered already. */
    public void copyIn(String target, CopyText rows) {
        if (rows.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            copyIn(c, target, rows);
        } catch (SQLException e) {
            throw new IllegalStateException("copy into " + target + " failed", e);
        }
    }

    /**
     * Sends the rows as one UTF-8 byte array (pgjdbc's client encoding). The driver's {@code copyIn(sql, Reader)} would
     * copy the text into a char buffer, a String and a byte array per 64 KB chunk; this is one copy of it.
     */
    private static void copyIn(Connection c, String target, CopyText rows) throws SQLException {
        byte[] bytes = rows.rows().getBytes(StandardCharsets.UTF_8);
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + target + " FROM STDIN");
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /**
     * As {@link #copyIn(String, CopyText)}, but all or nothing against a unique constraint: when a row would violate
     * {@code constraint}, nothing is inserted (the COPY runs under a savepoint that is then rolled back) and the
     * result is false; the caller's transaction goes on. Any other failure fails as {@link #copyIn} does.
     */
    public boolean copyInUnlessDuplicate(String target, String constraint, CopyText rows) {
        if (rows.isEmpty()) {
            return true;
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            // SQL savepoints: the pool refuses Connection.rollback(Savepoint) on a connection enlisted in a transaction
            s.execute("SAVEPOINT copy_unless_duplicate");
            try {
                copyIn(c, target, rows);
            } catch (PSQLException e) {
                ServerErrorMessage error = e.getServerErrorMessage();
                if (PSQLState.UNIQUE_VIOLATION.getState().equals(e.getSQLState()) && error != null
                        && constraint.equals(error.getConstraint())) {
                    s.execute("ROLLBACK TO SAVEPOINT copy_unless_duplicate");
                    s.execute("RELEASE SAVEPOINT copy_unless_duplicate");
                    return false;
                }
                throw e;
            }
            s.execute("RELEASE SAVEPOINT copy_unless_duplicate");
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("copy into " + target + " failed", e);
        }
    }

    /**
     * A text[] value rendered ahead of the statement that binds it ({@link #setTextArray(PreparedStatement, int, TextArray)}),
     * as PostgreSQL's array literal: every element quoted, backslash and double quote escaped.
     */
    public record TextArray(String literal) {

        public static TextArray of(Collection<String> values) {
            int length = 2;
            for (String value : values) {
                length += value.length() + 3; // quotes and comma; escapes grow it if they occur
            }
            StringBuilder sb = new StringBuilder(length).append('{');
            boolean first = true;
            for (String value : values) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                sb.append('"');
                if (value.indexOf('"') < 0 && value.indexOf('\\') < 0) {
                    sb.append(value); // the usual id: nothing to escape, appended whole
                } else {
                    for (int i = 0; i < value.length(); i++) {
                        char ch = value.charAt(i);
                        if (ch == '"' || ch == '\\') {
                            sb.append('\\');
                        }
                        sb.append(ch);
                    }
                }
                sb.append('"');
            }
            return new TextArray(sb.append('}').toString());
        }
    }

    /** A text[] parameter rendered already; the statement casts it ({@code ?::text[]}). */
    public static void setTextArray(PreparedStatement ps, int index, TextArray values) throws SQLException {
        ps.setObject(index, values.literal(), Types.OTHER);
    }

    /**
     * A bytea[] parameter. The driver sends a byte[][] array in PostgreSQL's binary array format (no hex or base64 text
     * on either side).
     */
    public static void setByteaArray(PreparedStatement ps, int index, byte[][] values) throws SQLException {
        ps.setArray(index, ps.getConnection().createArrayOf("bytea", values));
    }

    /** A text[] parameter. */
    public static void setTextArray(PreparedStatement ps, int index, Collection<String> values) throws SQLException {
        ps.setArray(index, ps.getConnection().createArrayOf("text", values.toArray()));
    }
}
