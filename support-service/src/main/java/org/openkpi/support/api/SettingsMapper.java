package org.openkpi.support.api;

import java.util.ArrayList;
import java.util.List;

import org.openkpi.support.api.model.BusinessDay;
import org.openkpi.support.api.model.SlaTarget;
import org.openkpi.support.api.model.SupportSettings;
import org.openkpi.support.api.model.TimeBlock;
import org.openkpi.support.api.model.Weekday;
import org.openkpi.support.service.SettingsService.Settings;

/** Maps the settings to API types. */
final class SettingsMapper {

    private SettingsMapper() {
    }

    static SupportSettings toApi(Settings s) {
        List<BusinessDay> days = new ArrayList<>();
        s.week().forEach((d, blocks) -> days.add(new BusinessDay(Weekday.valueOf(d.name()),
                blocks.stream().map(b -> new TimeBlock(hhmm(b.startMinute()), hhmm(b.endMinute()))).toList())));
        return new SupportSettings(s.timeZone(), days, List.copyOf(s.holidays()),
                s.targets().values().stream().map(t -> new SlaTarget(t.priority(), t.firstResponseHours(), t.resolutionHours())).toList());
    }

    private static String hhmm(int minute) {
        return String.format("%02d:%02d", minute / 60, minute % 60);
    }
}
