package org.openkpi.support.service;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.support.api.error.ApiException;
import org.openkpi.support.api.error.ErrorCode;
import org.openkpi.support.api.model.PageInfo;
import org.openkpi.support.api.model.SupportRiskSignal;
import org.openkpi.support.api.model.SupportRiskSignalConnection;
import org.openkpi.support.api.model.SupportRiskSignalEdge;
import org.openkpi.support.repository.RiskSignalRepository;
import org.openkpi.support.repository.RiskSignalRepository.Row;
import org.openkpi.support.tenant.TenantId;

/** Churn-risk signals for the gateway's ranking: the customers for which a support signal fires, paged. */
@ApplicationScoped
public class RiskSignalService {

    public static final int MAX_PAGE = 5000;
    /** Ticket volume rising: at least this many tickets in the last 30 days (and at least twice the 30 days before). */
    public static final int MIN_TICKETS_LAST30 = 3;
    /** Low CSAT: at least this many responses in the last 90 days (and fewer than half satisfied). */
    public static final int MIN_CSAT_RESPONSES = 2;

    private final RiskSignalRepository repository;
    private final TenantCalendar calendar;

    public RiskSignalService(RiskSignalRepository repository, TenantCalendar calendar) {
        this.repository = repository;
        this.calendar = calendar;
    }

    public SupportRiskSignalConnection signals(TenantId tenant, LocalDate asOf, int first, String after) {
        Fields.inYears(-1, "asOf", asOf);
        if (first > MAX_PAGE) {
            throw new ApiException(ErrorCode.LIMIT_EXCEEDED, "first: at most " + MAX_PAGE, null, "first");
        }
        if (first < 1) {
            throw ApiException.validation("first", "must be at least 1");
        }
        String from = after == null ? "" : decode(after);
        List<Row> rows = repository.page(tenant, asOf, calendar.hours(tenant).zone(), from, first + 1);
        List<SupportRiskSignalEdge> edges = new ArrayList<>();
        for (Row r : rows.subList(0, Math.min(first, rows.size()))) {
            boolean rising = r.ticketsLast30() >= MIN_TICKETS_LAST30 && r.ticketsLast30() >= 2 * r.ticketsPrevious30();
            boolean low = r.csatResponses() >= MIN_CSAT_RESPONSES && r.csatSatisfied() * 2 < r.csatResponses();
            edges.add(new SupportRiskSignalEdge(encode(r.customerId()), new SupportRiskSignal(r.customerId(), r.ticketsLast30(),
                    r.ticketsPrevious30(), rising, (int) r.csatResponses(),
                    Ratios.of(r.csatSatisfied(), r.csatResponses(), "no CSAT responses in the last 90 days"), low, r.openTickets())));
        }
        return new SupportRiskSignalConnection(edges,
                new PageInfo(rows.size() > first, edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()));
    }

    static String encode(String customerId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("c:" + customerId).getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String cursor) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (s.startsWith("c:")) {
                return Fields.queryValue("after", s.substring(2));
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw ApiException.validation("after", "not a cursor of this query");
    }
}
