package org.openkpi.support.service;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.openkpi.support.api.error.ApiException;
import org.openkpi.support.api.model.BusinessDayInput;
import org.openkpi.support.api.model.SlaTargetInput;
import org.openkpi.support.api.model.SupportSettingsInput;
import org.openkpi.support.api.model.TimeBlockInput;
import org.openkpi.support.engine.BusinessHours;
import org.openkpi.support.repository.SettingsRepository;
import org.openkpi.support.repository.SettingsRepository.TargetRow;
import org.openkpi.support.repository.TenantLock;
import org.openkpi.support.tenant.TenantId;

/** Reads and changes the tenant's zone, business hours, holidays and SLA targets; a change re-derives every ticket. */
@ApplicationScoped
public class SettingsService {

    /** The settings as they apply. */
    public record Settings(String timeZone, Map<DayOfWeek, List<BusinessHours.Block>> week, Set<LocalDate> holidays,
            Map<String, TargetRow> targets) {
    }

    private final TenantLock lock;
    private final SettingsRepository settings;
    private final DerivationService derivation;

    public SettingsService(TenantLock lock, SettingsRepository settings, DerivationService derivation) {
        this.lock = lock;
        this.settings = settings;
        this.derivation = derivation;
    }

    public Settings get(TenantId tenant) {
        return new Settings(settings.zone(tenant), settings.week(tenant), settings.holidays(tenant), settings.targets(tenant));
    }

    @Transactional
    public Settings update(TenantId tenant, SupportSettingsInput input) {
        String zone = null;
        if (input.timeZone() != null) {
            Fields.queryValue("timeZone", input.timeZone());
            try {
                zone = ZoneId.of(input.timeZone().strip()).getId();
            } catch (DateTimeException e) {
                throw ApiException.validation("timeZone", "unknown time zone '" + input.timeZone() + "'");
            }
        }
        Map<DayOfWeek, List<BusinessHours.Block>> week = input.businessHours() == null ? null : week(input.businessHours());
        Set<LocalDate> holidays = null;
        if (input.holidays() != null) {
            holidays = new TreeSet<>();
            for (int i = 0; i < input.holidays().size(); i++) {
                holidays.add(Fields.date(i, "holidays", input.holidays().get(i)));
            }
        }
        Map<String, TargetRow> targets = input.slaTargets() == null ? null : targets(input.slaTargets());
        lock.lock(tenant);
        if (zone != null) {
            settings.saveZone(tenant, zone);
        }
        if (week != null) {
            settings.replaceWeek(tenant, week);
        }
        if (holidays != null) {
            settings.replaceHolidays(tenant, holidays);
        }
        if (targets != null) {
            settings.replaceTargets(tenant, targets.values());
        }
        derivation.rebuildAll(tenant);
        return get(tenant);
    }

    private static Map<DayOfWeek, List<BusinessHours.Block>> week(List<BusinessDayInput> days) {
        Map<DayOfWeek, List<BusinessHours.Block>> week = new EnumMap<>(DayOfWeek.class);
        for (int i = 0; i < days.size(); i++) {
            BusinessDayInput d = days.get(i);
            if (d == null || d.weekday() == null || d.blocks() == null) {
                throw ApiException.validation(i, "businessHours", "weekday and blocks are required");
            }
            DayOfWeek day = DayOfWeek.valueOf(d.weekday().name());
            if (week.containsKey(day)) {
                throw ApiException.validation(i, "businessHours.weekday", day + " is listed twice");
            }
            List<BusinessHours.Block> blocks = new ArrayList<>();
            for (TimeBlockInput b : d.blocks()) {
                int start = minute(i, b == null ? null : b.start());
                int end = minute(i, b == null ? null : b.end());
                if (start >= end) {
                    throw ApiException.validation(i, "businessHours.blocks", "a block must end after it starts");
                }
                blocks.add(new BusinessHours.Block(start, end));
            }
            week.put(day, blocks);
        }
        if (week.values().stream().allMatch(List::isEmpty)) {
            throw ApiException.validation("businessHours", "at least one block is required");
        }
        try {
            new BusinessHours(ZoneId.of("UTC"), week, Set.of());
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("businessHours.blocks", e.getMessage());
        }
        return week;
    }

    private static int minute(int index, String hhmm) {
        if (hhmm != null && hhmm.matches("\\d{2}:\\d{2}")) {
            int h = Integer.parseInt(hhmm.substring(0, 2));
            int m = Integer.parseInt(hhmm.substring(3));
            if ((h < 24 && m < 60) || (h == 24 && m == 0)) {
                return h * 60 + m;
            }
        }
        throw ApiException.validation(index, "businessHours.blocks", "malformed time '" + hhmm + "', expected HH:mm (00:00 to 24:00)");
    }

    private static Map<String, TargetRow> targets(List<SlaTargetInput> inputs) {
        Map<String, TargetRow> out = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            SlaTargetInput t = inputs.get(i);
            String priority = Fields.id(i, "slaTargets.priority", t.priority());
            if (out.containsKey(priority)) {
                throw ApiException.validation(i, "slaTargets.priority", "priority '" + priority + "' is listed twice");
            }
            positive(i, "slaTargets.firstResponseHours", t.firstResponseHours());
            positive(i, "slaTargets.resolutionHours", t.resolutionHours());
            out.put(priority, new TargetRow(priority, t.firstResponseHours(), t.resolutionHours()));
        }
        return out;
    }

    private static void positive(int index, String field, BigDecimal v) {
        Fields.positiveAmount(index, field, v);
    }
}
