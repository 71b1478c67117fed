package org.openkpi.support.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.support.engine.BusinessHours;
import org.openkpi.support.engine.SlaTarget;
import org.openkpi.support.repository.PeopleRepository;
import org.openkpi.support.repository.SettingsRepository;
import org.openkpi.support.tenant.TenantId;

/** Loads what deriving a tenant's tickets needs: business hours, SLA targets and agents' teams. */
@ApplicationScoped
public class TenantCalendar {

    /** Everything a derivation reads besides the ticket's own facts. */
    public record Context(BusinessHours hours, Map<String, SlaTarget> targets, Map<String, String> teamOfAgent) {
    }

    private final SettingsRepository settings;
    private final PeopleRepository people;

    public TenantCalendar(SettingsRepository settings, PeopleRepository people) {
        this.settings = settings;
        this.people = people;
    }

    public BusinessHours hours(TenantId tenant) {
        return new BusinessHours(ZoneId.of(settings.zone(tenant)), settings.week(tenant), settings.holidays(tenant));
    }

    public Context context(TenantId tenant) {
        Map<String, SlaTarget> targets = new HashMap<>();
        settings.targets(tenant).forEach((p, t) -> targets.put(p, new SlaTarget(seconds(t.firstResponseHours()),
                seconds(t.resolutionHours()))));
        Map<String, String> teams = new HashMap<>();
        people.agents(tenant).forEach((id, a) -> {
            if (a.teamId() != null) {
                teams.put(id, a.teamId());
            }
        });
        return new Context(hours(tenant), targets, teams);
    }

    private static long seconds(BigDecimal hours) {
        return hours.multiply(BigDecimal.valueOf(3600)).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
