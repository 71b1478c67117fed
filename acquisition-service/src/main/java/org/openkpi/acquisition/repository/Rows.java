package org.openkpi.acquisition.repository;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Stored facts as written by ingestion. A missing channel or campaign is stored as ''. */
public final class Rows {

    private Rows() {
    }

    public record VisitorCountRow(LocalDate day, String channel, String campaign, long visitors) {
        public String key() {
            return day + "|" + channel + "|" + campaign;
        }
    }

    public record VisitRow(String externalId, String visitorId, Instant occurredAt, LocalDate day, String channel, String campaign,
            String hash) {
    }

    public record TrialRow(String externalId, Instant startedAt, LocalDate day, String channel, String campaign, String customerId,
            String hash) {
    }

    public record LeadRow(String externalId, Instant capturedAt, LocalDate day, String channel, String campaign, String owner,
            Instant mqlAt, LocalDate mqlDay, Instant sqlAt, Instant firstFollowUpAt, String customerId, String hash) {
    }

    public record StageRow(String code, String name, int position, BigDecimal winProbability, String hash) {
    }

    /** One stage a deal passed through; exitedAt is null while the deal is still in it. */
    public record StageSpan(int seq, String stage, Instant enteredAt, Instant exitedAt, LocalDate exitDay) {
    }

    public record DealRow(String externalId, String name, String owner, String channel, String campaign, BigDecimal amount,
            String currency, BigDecimal amountReporting, Instant createdAt, String status, Instant closedAt, LocalDate closedDay,
            String lostReason, String hash, List<StageSpan> stages) {
    }

    public record CampaignRow(String externalId, String name, String channel, LocalDate startDate, LocalDate endDate, String currency,
            BigDecimal cost, BigDecimal attributedRevenue, BigDecimal costReporting, BigDecimal revenueReporting, String hash) {
    }

    public record SpendRow(String externalId, LocalDate month, String channel, String kind, BigDecimal amount, String currency,
            BigDecimal amountReporting, String hash) {
    }

    public record EmailRow(String externalId, LocalDate day, long subscribes, long unsubscribes, String hash) {
    }

    /** The day (and customer, where the fact has one) a stored fact counted on before it is replaced. */
    public record OldKey(String externalId, LocalDate day, String customerId) {
    }
}
