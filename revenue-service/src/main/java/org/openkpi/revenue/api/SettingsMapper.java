package org.openkpi.revenue.api;

import org.openkpi.revenue.api.model.ChurnRecognition;
import org.openkpi.revenue.api.model.Money;
import org.openkpi.revenue.api.model.Plan;
import org.openkpi.revenue.api.model.RevenueSettings;
import org.openkpi.revenue.repository.PlanRow;
import org.openkpi.revenue.repository.SettingsRow;

/** Maps stored settings and plans to API types. */
final class SettingsMapper {

    private SettingsMapper() {
    }

    static RevenueSettings toApi(SettingsRow s) {
        return new RevenueSettings(s.reportingCurrency(), s.timeZone(), ChurnRecognition.valueOf(s.churnRecognition().name()),
                s.dunningDays());
    }

    static Plan toApi(PlanRow p) {
        return new Plan(p.code(), p.name(), new Money(p.price(), p.currency()), p.intervalMonths(), p.tier());
    }
}
