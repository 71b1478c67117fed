package org.openkpi.revenue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/** Tests' direct reads and writes of the service's tables, beside its API. */
public final class TenantRows {

    private TenantRows() {
    }

    /** The rows of a query whose one parameter is the tenant id, each as its columns' text joined by spaces. */
    public static List<String> rows(DataSource dataSource, String query, String tenant) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(query)) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= columns; i++) {
                        row.append(i == 1 ? "" : " ").append(rs.getString(i));
                    }
                    out.add(row.toString());
                }
            }
        }
        return out;
    }

    /** Runs one statement. */
    public static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.execute();
        }
    }
}
