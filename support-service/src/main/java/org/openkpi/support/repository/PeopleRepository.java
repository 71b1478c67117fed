package org.openkpi.support.repository;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.support.tenant.TenantId;

/** Agents and teams. */
@ApplicationScoped
public class PeopleRepository {

    /** A team as stored. */
    public record TeamRow(String id, String name, String contentHash) {
    }

    /** An agent as stored. */
    public record AgentRow(String id, String name, String teamId, String contentHash) {
    }

    private final Jdbc jdbc;

    public PeopleRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Map<String, TeamRow> teams(TenantId tenant) {
        Map<String, TeamRow> out = new LinkedHashMap<>();
        jdbc.each("SELECT external_id, name, content_hash FROM team WHERE tenant_id = ? ORDER BY external_id",
                ps -> ps.setString(1, tenant.value()), rs -> out.put(rs.getString(1), new TeamRow(rs.getString(1),
                        rs.getString(2), rs.getString(3))));
        return out;
    }

    public Map<String, AgentRow> agents(TenantId tenant) {
        Map<String, AgentRow> out = new LinkedHashMap<>();
        jdbc.each("SELECT external_id, name, team_id, content_hash FROM agent WHERE tenant_id = ? ORDER BY external_id",
                ps -> ps.setString(1, tenant.value()), rs -> out.put(rs.getString(1), new AgentRow(rs.getString(1),
                        rs.getString(2), rs.getString(3), rs.getString(4))));
        return out;
    }

    public void upsertTeams(TenantId tenant, Collection<TeamRow> rows) {
        jdbc.batch("""
                INSERT INTO team (tenant_id, external_id, name, content_hash) VALUES (?, ?, ?, ?)
                ON CONFLICT (tenant_id, external_id) DO UPDATE SET name = excluded.name, content_hash = excluded.content_hash
                """, rows, (ps, t) -> {
            ps.setString(1, tenant.value());
            ps.setString(2, t.id());
            ps.setString(3, t.name());
            ps.setString(4, t.contentHash());
        });
    }

    public void upsertAgents(TenantId tenant, Collection<AgentRow> rows) {
        jdbc.batch("""
                INSERT INTO agent (tenant_id, external_id, name, team_id, content_hash) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, external_id) DO UPDATE SET name = excluded.name, team_id = excluded.team_id,
                  content_hash = excluded.content_hash
                """, rows, (ps, a) -> {
            ps.setString(1, tenant.value());
            ps.setString(2, a.id());
            ps.setString(3, a.name());
            ps.setString(4, a.teamId());
            ps.setString(5, a.contentHash());
        });
    }
}
