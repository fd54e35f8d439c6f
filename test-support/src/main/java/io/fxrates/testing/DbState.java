package io.fxrates.testing;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the database for assertions: a full snapshot of what a run may change, and single values. */
public final class DbState {
    private final DataSource dataSource;

    public DbState(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Every rate (with its stored text), every correction and every provider's version columns:
     * equal snapshots mean a run changed nothing but its own update_run row.
     */
    public String snapshot() {
        return String.join("\n", rows("SELECT provider || '|' || rate_date || '|' || currency || '|' || rate::text FROM rate ORDER BY 1"))
                + "\n--\n" + String.join("\n", rows("SELECT provider || '|' || rate_date || '|' || currency || '|' || old_rate::text || '|' || new_rate::text FROM rate_correction ORDER BY 1"))
                + "\n--\n" + String.join("\n", rows("SELECT code || '|' || data_version || '|' || coalesce(fetched_at::text, '-') || '|' || coalesce(changed_at::text, '-') FROM provider ORDER BY 1"));
    }

    public List<String> rows(String sql) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public long count(String sql) {
        return Long.parseLong(rows(sql).getFirst());
    }

    /** The stored text of one rate, or null. */
    public String rateText(String provider, String date, String currency) {
        List<String> r = rows("SELECT rate::text FROM rate WHERE provider = '" + provider + "' AND rate_date = '" + date
                + "' AND currency = '" + currency + "'");
        return r.isEmpty() ? null : r.getFirst();
    }

    /** All rates of a provider as date|currency -> value (scale kept). */
    public Map<String, BigDecimal> rates(String provider) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT rate_date, currency, rate FROM rate WHERE provider = ?")) {
            ps.setString(1, provider);
            Map<String, BigDecimal> out = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1) + "|" + rs.getString(2), rs.getBigDecimal(3));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The last update_run row as a map of its columns (text). */
    public Map<String, String> lastRun() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT * FROM update_run ORDER BY id DESC LIMIT 1");
             ResultSet rs = ps.executeQuery()) {
            Map<String, String> out = new LinkedHashMap<>();
            if (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    out.put(rs.getMetaData().getColumnName(i), rs.getString(i));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
