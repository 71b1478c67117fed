package org.openkpi.deploy.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.openkpi.deploy.demo.DemoFacts.Kind;

/**
 * Generates "Northwind Analytics", a synthetic subscription-software company, deterministically from a
 * {@link DemoSpec}: three plans (Starter 49, Pro 149, Enterprise 499 a month, or 10 months' price a year; in USD, and
 * in EUR for European customers), five acquisition channels with their own spend and conversion, visitors, trials,
 * leads and a sales pipeline, upgrades, downgrades, discounts, churn and reactivations, COGS and operating expenses,
 * product activity, NPS, onboarding, support tickets in business hours with CSAT, and the gateway's targets and alert
 * rules. See deploy/DEMO.md.
 *
 * <p>Every random choice comes from {@link Random} (whose algorithm the JDK specifies) seeded from the spec's seed and
 * a fixed label per stream, so the same spec gives byte-identical facts on every JVM.
 */
public final class DemoCompany {

    public static final String REPORTING_CURRENCY = "USD";
    public static final String SUPPORT_ZONE = "Europe/Berlin";
    static final String[] TIERS = {"starter", "pro", "enterprise"};
    static final int[] USD_MONTHLY = {49, 149, 499};
    static final int[] EUR_MONTHLY = {45, 139, 459};
    static final String[] CHANNELS = {"organic", "paid-search", "social", "referral", "outbound"};
    static final int[] CHANNEL_WEIGHTS = {30, 25, 15, 12, 18};
    /** Trials that do not convert, per converting trial, by channel (organic 20%, paid 14%, social 9%, referral 35%). */
    static final double[] LOST_TRIALS_PER_WIN = {4.0, 6.1, 10.1, 1.9, 0};
    /** Visitor-to-trial rates by channel. */
    static final double[] VISITOR_TO_TRIAL = {0.025, 0.04, 0.02, 0.08, 0};
    static final String[] COUNTRIES = {"US", "DE", "FR", "GB", "CA", "NL", "ES", "AU"};
    static final int[] COUNTRY_WEIGHTS = {40, 15, 10, 10, 8, 7, 5, 5};
    static final String[] REPS = {"alice.martin", "bob.schulz", "chen.li"};
    static final String[] STAGES = {"discovery", "demo", "proposal", "negotiation"};
    static final String[] LOST_REASONS = {"price", "competitor", "no-decision", "timing", "missing-feature"};
    static final int[] LOST_REASON_WEIGHTS = {30, 25, 25, 12, 8};
    static final String[] ADJECTIVES = {"Blue", "Bright", "Swift", "Silver", "North", "Quiet", "Bold", "Clear", "Green",
        "Iron", "Lucky", "Prime", "Red", "Solid", "True", "Wild", "Golden", "Open", "Rapid", "Urban"};
    static final String[] NOUNS = {"Harbor", "Peak", "River", "Forge", "Labs", "Works", "Pixel", "Orbit", "Maple",
        "Cedar", "Falcon", "Atlas", "Beacon", "Summit", "Vertex", "Anchor", "Meadow", "Canyon", "Spark", "Bridge"};

    private final DemoSpec spec;
    private final LocalDate firstDay;
    private final LocalDate endDate;
    private final TreeMap<LocalDate, BigDecimal> eurRates = new TreeMap<>();
    private final Map<Kind, List<Map<String, Object>>> facts = DemoFacts.emptyFacts();
    private final List<Customer> customers = new ArrayList<>();

    private DemoCompany(DemoSpec spec) {
        this.spec = spec;
        this.firstDay = spec.firstDay();
        this.endDate = spec.endDate();
    }

    public static DemoFacts generate(DemoSpec spec) {
        return new DemoCompany(spec).build();
    }

    /** Prints the company's monthly figures: {@code DemoCompany [seed] [customers] [endDate]}. */
    public static void main(String[] args) {
        DemoSpec spec = new DemoSpec(args.length > 0 ? Long.parseLong(args[0]) : DemoSpec.DEFAULT_SEED,
                args.length > 1 ? Integer.parseInt(args[1]) : DemoSpec.DEFAULT_CUSTOMERS,
                args.length > 2 ? LocalDate.parse(args[2]) : LocalDate.now(ZoneOffset.UTC));
        DemoFacts demo = generate(spec);
        System.out.print(DemoReport.table(demo));
    }

    // ------------------------------------------------------------------ the model

    /** One subscription-software customer and its revenue history. */
    static final class Customer {
        String id;
        String name;
        int channel;
        String country;
        boolean eur;
        int tier;
        int startTier;
        boolean yearly;
        LocalDate firstPay;
        LocalDate churnedOn;
        boolean atRisk;
        /** Day -> MRR at the end of that day (USD), at each change. */
        final TreeMap<LocalDate, BigDecimal> mrr = new TreeMap<>();
        String trialStart;
        String signedUpAt;

        BigDecimal mrrAt(LocalDate day) {
            Map.Entry<LocalDate, BigDecimal> e = mrr.floorEntry(day);
            return e == null ? BigDecimal.ZERO : e.getValue();
        }

        boolean payingOn(LocalDate day) {
            return mrrAt(day).signum() > 0;
        }
    }

    private Random rng(String label) {
        return new Random(spec.seed() * 0x9E3779B97F4A7C15L + label.hashCode());
    }

    private static int pick(Random r, int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int x = r.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private static String instant(LocalDate day, int minuteOfDay) {
        return day.atStartOfDay().plusMinutes(minuteOfDay).toInstant(ZoneOffset.UTC).toString();
    }

    private static String instant(LocalDateTime at) {
        return at.toInstant(ZoneOffset.UTC).toString();
    }

    private static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                m.put((String) keyValues[i], keyValues[i + 1]);
            }
        }
        return m;
    }

    private void add(Kind kind, Map<String, Object> fact) {
        facts.get(kind).add(fact);
    }

    static String planCode(int tier, boolean yearly, boolean eur) {
        return TIERS[tier] + (yearly ? "-yearly" : "-monthly") + (eur ? "-eur" : "");
    }

    static BigDecimal price(int tier, boolean yearly, boolean eur) {
        int monthly = eur ? EUR_MONTHLY[tier] : USD_MONTHLY[tier];
        return BigDecimal.valueOf(yearly ? monthly * 10L : monthly);
    }

    /** The EUR rate in force on a day (rates take effect on the first of each month). */
    BigDecimal eurRate(LocalDate day) {
        Map.Entry<LocalDate, BigDecimal> e = eurRates.floorEntry(day);
        if (e == null) {
            throw new IllegalStateException("no EUR rate on " + day);
        }
        return e.getValue();
    }

    /** A subscription's MRR as revenue-service computes it: price less discount, converted, per month, rounded once. */
    BigDecimal mrr(int tier, boolean yearly, boolean eur, int discountPercent, LocalDate day) {
        BigDecimal gross = price(tier, yearly, eur);
        if (discountPercent > 0) {
            gross = gross.multiply(BigDecimal.valueOf(100 - discountPercent)).movePointLeft(2);
        }
        BigDecimal rate = eur ? eurRate(day) : BigDecimal.ONE;
        return gross.multiply(rate).divide(BigDecimal.valueOf(yearly ? 12 : 1), 2, RoundingMode.HALF_UP);
    }

    // ------------------------------------------------------------------ generation

    private DemoFacts build() {
        fxRates();
        plans();
        long totalDays = ChronoUnit.DAYS.between(firstDay, endDate);
        for (int i = 1; i <= spec.customers(); i++) {
            customers.add(customer(i, totalDays));
        }
        customers.sort(Comparator.comparing((Customer c) -> c.firstPay).thenComparing(c -> c.id));
        for (Customer c : customers) {
            add(Kind.CUSTOMERS, map("externalId", c.id, "name", c.name, "country", c.country,
                    "segment", c.tier == 2 ? "enterprise" : c.tier == 1 ? "mid-market" : "smb", "channel", CHANNELS[c.channel]));
        }
        facts.get(Kind.SUBSCRIPTION_EVENTS).sort(Comparator.comparing((Map<String, Object> e) -> (String) e.get("effectiveAt"))
                .thenComparing(e -> (String) e.get("externalId")));
        acquisition();
        retention();
        support();
        DemoFigures figures = figures();
        costs(figures);
        List<Map<String, Object>> targets = targets(figures);
        List<Map<String, Object>> rules = alertRules();
        DemoFigures withAlerts = new DemoFigures(figures.months(), figures.scoredMonth(), firing(figures));
        return new DemoFacts(spec, facts, supportSettings(), targets, rules, withAlerts);
    }

    private void fxRates() {
        Random r = rng("fx");
        YearMonth from = spec.firstMonth().minusMonths(6);
        for (YearMonth m = from; !m.isAfter(spec.lastMonth()); m = m.plusMonths(1)) {
            int k = (int) ChronoUnit.MONTHS.between(from, m);
            double rate = 1.08 + 0.04 * Math.sin(k * 0.45) + (r.nextInt(101) - 50) / 10_000.0;
            BigDecimal value = BigDecimal.valueOf(Math.round(rate * 10_000), 4);
            eurRates.put(m.atDay(1), value);
            add(Kind.FX_RATES, map("currency", "EUR", "date", m.atDay(1).toString(), "rate", value));
            add(Kind.ACQUISITION_FX_RATES, map("currency", "EUR", "date", m.atDay(1).toString(), "rate", value));
        }
    }

    private void plans() {
        for (int tier = 0; tier < 3; tier++) {
            for (boolean yearly : new boolean[] {false, true}) {
                for (boolean eur : new boolean[] {false, true}) {
                    String name = Character.toUpperCase(TIERS[tier].charAt(0)) + TIERS[tier].substring(1)
                            + (yearly ? " (yearly" : " (monthly") + (eur ? ", EUR)" : ")");
                    add(Kind.PLANS, map("code", planCode(tier, yearly, eur), "name", name, "currency", eur ? "EUR" : "USD",
                            "price", price(tier, yearly, eur), "intervalMonths", yearly ? 12 : 1, "tier", TIERS[tier]));
                }
            }
        }
    }

    private Customer customer(int index, long totalDays) {
        Random r = rng("customer-" + index);
        Customer c = new Customer();
        c.id = String.format("cus-%04d", index);
        c.name = ADJECTIVES[r.nextInt(ADJECTIVES.length)] + " " + NOUNS[r.nextInt(NOUNS.length)];
        c.channel = pick(r, CHANNEL_WEIGHTS);
        int country = pick(r, COUNTRY_WEIGHTS);
        c.country = COUNTRIES[country];
        c.name += switch (c.country) {
            case "DE" -> " GmbH";
            case "FR" -> " SAS";
            case "GB" -> " Ltd";
            case "NL" -> " B.V.";
            case "ES" -> " S.L.";
            default -> " Inc.";
        };
        c.eur = List.of("DE", "FR", "NL", "ES").contains(c.country);
        c.tier = c.channel == 4 ? (r.nextInt(100) < 60 ? 2 : 1) : pick(r, new int[] {55, 35, 10});
        c.yearly = r.nextInt(100) < (c.tier == 2 ? 40 : 25);
        c.startTier = c.tier;
        // arrivals grow over the two years: density 1 + 2t on [0, 1)
        double u = r.nextDouble();
        double t = (-1 + Math.sqrt(1 + 8 * u)) / 2;
        c.firstPay = firstDay.plusDays(Math.min(totalDays - 1, (long) (t * totalDays)));

        int minute = 9 * 60 + r.nextInt(300);
        int seq = 0;
        int sub = 1;
        int discount = r.nextInt(100) < 12 ? 20 : 0;
        int tier = c.tier;
        String subId = c.id + "-s" + sub;
        subscriptionEvent(c, ++seq, subId, "STARTED", c.firstPay, minute, "planCode", planCode(tier, c.yearly, c.eur));
        if (discount > 0) {
            subscriptionEvent(c, ++seq, subId, "DISCOUNT_APPLIED", c.firstPay, minute + 1, "discountPercent",
                    BigDecimal.valueOf(discount));
        }
        c.mrr.put(c.firstPay, mrr(tier, c.yearly, c.eur, discount, c.firstPay));
        boolean paying = true;
        boolean reactivated = false;
        int churnStep = 0;
        double churn = new double[] {0.045, 0.028, 0.015}[c.tier];
        LocalDate day = c.firstPay;
        for (int step = 1; ; step++) {
            day = day.plusDays(28 + r.nextInt(8));
            if (!day.isBefore(endDate)) {
                break;
            }
            double x = r.nextDouble();
            if (paying) {
                double churnHere = c.yearly ? (step % 12 == 0 ? churn * 8 : 0) : churn;
                double up = tier < 2 ? 0.022 : 0;
                double down = tier > 0 ? 0.01 : 0;
                if (x < churnHere) {
                    subscriptionEvent(c, ++seq, subId, "CANCELLED", day, minute);
                    c.mrr.put(day, BigDecimal.ZERO);
                    c.churnedOn = day;
                    paying = false;
                    churnStep = step;
                } else if (x < churnHere + up || x < churnHere + up + down) {
                    tier += x < churnHere + up ? 1 : -1;
                    subscriptionEvent(c, ++seq, subId, "PLAN_CHANGED", day, minute, "planCode", planCode(tier, c.yearly, c.eur));
                    c.mrr.put(day, mrr(tier, c.yearly, c.eur, discount, day));
                } else if (discount > 0 && x < churnHere + up + down + 0.12) {
                    discount = 0;
                    subscriptionEvent(c, ++seq, subId, "DISCOUNT_REMOVED", day, minute);
                    c.mrr.put(day, mrr(tier, c.yearly, c.eur, discount, day));
                }
            } else if (!reactivated && step - churnStep >= 2 && x < 0.08) {
                reactivated = true;
                paying = true;
                discount = 0;
                tier = Math.min(tier, 1);
                subId = c.id + "-s" + (++sub);
                subscriptionEvent(c, ++seq, subId, "STARTED", day, minute, "planCode", planCode(tier, c.yearly, c.eur));
                c.mrr.put(day, mrr(tier, c.yearly, c.eur, discount, day));
                c.churnedOn = null;
            }
        }
        c.tier = tier;
        c.atRisk = paying && r.nextInt(100) < 8;
        if (c.tier == 2 && r.nextInt(100) < 70) {
            add(Kind.CHARGES, map("externalId", c.id + "-onboarding", "kind", "CHARGE", "customerId", c.id,
                    "occurredAt", instant(c.firstPay, 12 * 60), "amount", BigDecimal.valueOf(c.eur ? 1400 : 1500),
                    "currency", c.eur ? "EUR" : "USD", "description", "Onboarding package"));
            LocalDate refund = c.firstPay.plusDays(20);
            if (r.nextInt(100) < 15 && refund.isBefore(endDate)) {
                add(Kind.CHARGES, map("externalId", c.id + "-onboarding-refund", "kind", "REFUND", "customerId", c.id,
                        "occurredAt", instant(refund, 12 * 60), "amount", BigDecimal.valueOf(c.eur ? 280 : 300),
                        "currency", c.eur ? "EUR" : "USD", "description", "Partial refund: onboarding"));
            }
        }
        return c;
    }

    private void subscriptionEvent(Customer c, int seq, String subId, String type, LocalDate day, int minute, Object... extra) {
        Map<String, Object> e = map("externalId", c.id + "-e" + seq, "type", type, "customerId", c.id,
                "subscriptionId", subId, "effectiveAt", instant(day, minute));
        for (int i = 0; i < extra.length; i += 2) {
            e.put((String) extra[i], extra[i + 1]);
        }
        add(Kind.SUBSCRIPTION_EVENTS, e);
    }

    // ------------------------------------------------------------------ acquisition

    private void acquisition() {
        Random r = rng("acquisition");
        for (int i = 0; i < STAGES.length; i++) {
            add(Kind.PIPELINE_STAGES, map("code", STAGES[i], "name", Character.toUpperCase(STAGES[i].charAt(0))
                    + STAGES[i].substring(1), "position", i + 1, "winProbability", new BigDecimal(new String[] {"0.1", "0.25", "0.5", "0.75"}[i])));
        }
        LocalDate lastDay = spec.lastDay();
        int trialSeq = 0;
        int dealSeq = 0;
        int leadSeq = 0;
        for (Customer c : customers) {
            if (c.channel != 4) {
                LocalDateTime start = c.firstPay.minusDays(14).atTime(8 + r.nextInt(10), r.nextInt(60));
                c.trialStart = instant(start);
                c.signedUpAt = c.trialStart;
                String campaign = c.channel == 1 ? (r.nextBoolean() ? "brand-search" : "competitor-search")
                        : c.channel == 2 ? "linkedin-ads" : null;
                add(Kind.TRIALS, map("externalId", "trial-" + c.id, "customerId", c.id, "channel", CHANNELS[c.channel],
                        "campaign", campaign, "startedAt", c.trialStart));
                double lost = LOST_TRIALS_PER_WIN[c.channel];
                int n = (int) lost + (r.nextDouble() < lost - (int) lost ? 1 : 0);
                // the trials of the last four weeks have not converted yet: mirror those of the four weeks before
                boolean mirror = c.firstPay.isAfter(lastDay.minusDays(28));
                for (int k = 0; k < (mirror ? 2 * n + 1 : n); k++) {
                    int shift = k < n ? r.nextInt(41) - 20 : k < 2 * n ? r.nextInt(41) - 20 + 28 : 28;
                    LocalDate day = c.firstPay.minusDays(14).plusDays(shift);
                    if (day.isBefore(firstDay) || day.isAfter(lastDay)) {
                        continue;
                    }
                    add(Kind.TRIALS, map("externalId", String.format("trial-x%05d", ++trialSeq), "channel", CHANNELS[c.channel],
                            "campaign", campaign, "startedAt", instant(day.atTime(8 + r.nextInt(12), r.nextInt(60)))));
                }
            } else {
                // sales-led: a lead, then a won deal through the pipeline
                int rep = r.nextInt(REPS.length);
                LocalDateTime created = c.firstPay.minusDays(30 + r.nextInt(60)).atTime(10, r.nextInt(60));
                LocalDateTime captured = created.minusDays(3 + r.nextInt(8));
                c.signedUpAt = instant(captured);
                add(Kind.LEADS, map("externalId", String.format("lead-%05d", ++leadSeq), "channel", "outbound",
                        "capturedAt", instant(captured), "mqlAt", instant(captured.plusDays(1)), "sqlAt", instant(created),
                        "firstFollowUpAt", instant(captured.plusHours(4)), "owner", REPS[rep], "customerId", c.id));
                LocalDateTime closed = c.firstPay.atTime(9, 0);
                add(Kind.DEALS, deal(String.format("deal-%05d", ++dealSeq), c.name, REPS[rep], c.eur,
                        c.yearly ? price(c.startTier, true, c.eur) : price(c.startTier, false, c.eur).multiply(BigDecimal.valueOf(12)),
                        created, closed, STAGES.length, "WON", null, r));
                int lostDeals = r.nextInt(4);
                for (int k = 0; k < lostDeals; k++) {
                    LocalDateTime lc = created.plusDays(r.nextInt(60) - 30);
                    LocalDateTime lclose = lc.plusDays(20 + r.nextInt(60));
                    int rp = r.nextInt(REPS.length);
                    int reached = 1 + r.nextInt(STAGES.length);
                    BigDecimal amount = BigDecimal.valueOf((r.nextBoolean() ? 1490 : 4990) * (c.eur ? 9 : 10) / 10 * 1L);
                    String status = lclose.toLocalDate().isBefore(endDate) ? "LOST" : "OPEN";
                    if (lc.toLocalDate().isAfter(lastDay)) {
                        continue;
                    }
                    LocalDateTime lcapt = lc.minusDays(2 + r.nextInt(5));
                    add(Kind.LEADS, map("externalId", String.format("lead-%05d", ++leadSeq), "channel", "outbound",
                            "capturedAt", instant(lcapt), "mqlAt", instant(lcapt.plusDays(1)), "sqlAt", instant(lc),
                            "firstFollowUpAt", instant(lcapt.plusHours(3)), "owner", REPS[rp]));
                    add(Kind.DEALS, deal(String.format("deal-%05d", ++dealSeq), "Prospect " + dealSeq, REPS[rp], c.eur, amount,
                            lc, status.equals("LOST") ? lclose : null, reached, status,
                            status.equals("LOST") ? LOST_REASONS[pick(r, LOST_REASON_WEIGHTS)] : null, r));
                }
            }
        }
        // marketing leads that never became deals
        for (YearMonth m = spec.firstMonth(); !m.isAfter(spec.lastMonth()); m = m.plusMonths(1)) {
            int n = Math.max(1, spec.customers() / 15);
            for (int k = 0; k < n; k++) {
                LocalDate day = m.atDay(1 + r.nextInt(m.lengthOfMonth()));
                if (day.isAfter(lastDay)) {
                    continue;
                }
                LocalDateTime at = day.atTime(9 + r.nextInt(9), r.nextInt(60));
                boolean mql = r.nextInt(100) < 40;
                add(Kind.LEADS, map("externalId", String.format("lead-%05d", ++leadSeq),
                        "channel", r.nextBoolean() ? "organic" : "social", "campaign", r.nextBoolean() ? "ebook-saas-metrics" : null,
                        "capturedAt", instant(at), "mqlAt", mql ? instant(at.plusDays(2)) : null));
            }
        }
        visitorsAndSpend(r);
        campaignsAndEmail(r);
    }

    private Map<String, Object> deal(String id, String name, String owner, boolean eur, BigDecimal amount,
            LocalDateTime created, LocalDateTime closed, int reached, String status, String lostReason, Random r) {
        List<Object> stages = new ArrayList<>();
        LocalDateTime end = closed != null ? closed : created.plusDays(40);
        long span = Math.max(reached, ChronoUnit.HOURS.between(created, end));
        for (int i = 0; i < reached; i++) {
            LocalDateTime entered = created.plusHours(span * i / (reached + 1) + (i == 0 ? 0 : r.nextInt(3)));
            if (!entered.toLocalDate().isBefore(endDate)) {
                break;
            }
            stages.add(map("stage", STAGES[i], "enteredAt", instant(entered)));
        }
        return map("externalId", id, "name", name, "owner", owner, "channel", "outbound", "amount", amount,
                "currency", eur ? "EUR" : "USD", "createdAt", instant(created), "stages", stages, "status", status,
                "closedAt", closed != null ? instant(closed) : null, "lostReason", lostReason);
    }

    private void visitorsAndSpend(Random r) {
        LocalDate lastDay = spec.lastDay();
        double scale = Math.max(0.2, spec.customers() / 300.0);
        Map<String, long[]> trialsByChannelMonth = new LinkedHashMap<>();
        for (Map<String, Object> t : facts.get(Kind.TRIALS)) {
            LocalDate day = LocalDate.ofInstant(Instant.parse((String) t.get("startedAt")), ZoneOffset.UTC);
            if (day.isBefore(firstDay)) {
                continue;
            }
            int m = (int) ChronoUnit.MONTHS.between(spec.firstMonth(), YearMonth.from(day));
            trialsByChannelMonth.computeIfAbsent((String) t.get("channel"), k -> new long[DemoSpec.MONTHS])[m]++;
        }
        int[][] newByChannelMonth = new int[CHANNELS.length][DemoSpec.MONTHS];
        for (Customer c : customers) {
            newByChannelMonth[c.channel][(int) ChronoUnit.MONTHS.between(spec.firstMonth(), YearMonth.from(c.firstPay))]++;
        }
        for (int ch = 0; ch < 4; ch++) {
            long[] trials = trialsByChannelMonth.getOrDefault(CHANNELS[ch], new long[DemoSpec.MONTHS]);
            for (int m = 0; m < DemoSpec.MONTHS; m++) {
                YearMonth month = spec.firstMonth().plusMonths(m);
                double monthly = (trials[m] + 2) / VISITOR_TO_TRIAL[ch];
                for (int d = 1; d <= month.lengthOfMonth(); d++) {
                    LocalDate day = month.atDay(d);
                    if (day.isAfter(lastDay)) {
                        break;
                    }
                    boolean weekend = day.getDayOfWeek().getValue() >= 6;
                    long v = Math.max(3, Math.round(monthly / month.lengthOfMonth() * (weekend ? 0.6 : 1.15) * (0.8 + 0.4 * r.nextDouble())));
                    add(Kind.VISITOR_COUNTS, map("date", day.toString(), "channel", CHANNELS[ch], "visitors", v));
                }
            }
        }
        for (int m = 0; m < DemoSpec.MONTHS; m++) {
            String month = spec.firstMonth().plusMonths(m).toString();
            spend(month, "paid-search", "AD_SPEND", "USD", newByChannelMonth[1][m] * (700 + r.nextInt(400)) + 1500 * scale);
            spend(month, "social", "AD_SPEND", "EUR", newByChannelMonth[2][m] * (900 + r.nextInt(500)) + 800 * scale);
            spend(month, "referral", "AD_SPEND", "USD", newByChannelMonth[3][m] * 150 + 100 * scale);
            spend(month, "organic", "TOOLS", "USD", 400 * scale);
            spend(month, "outbound", "SALARIES", "USD", 12_000 * scale);
            spend(month, null, "SALARIES", "USD", 9_000 * scale);
            spend(month, null, "OVERHEAD", "USD", 1_500 * scale);
            spend(month, null, "TOOLS", "USD", 600 * scale);
        }
    }

    private void spend(String month, String channel, String kind, String currency, double amount) {
        add(Kind.SPEND, map("externalId", "spend-" + month + "-" + (channel == null ? "company" : channel) + "-" + kind.toLowerCase(),
                "month", month, "channel", channel, "kind", kind, "amount", BigDecimal.valueOf(Math.round(amount)),
                "currency", currency));
    }

    private void campaignsAndEmail(Random r) {
        for (YearMonth q = spec.firstMonth(); !q.isAfter(spec.lastMonth()); q = q.plusMonths(3)) {
            boolean social = q.getMonthValue() % 2 == 0;
            BigDecimal cost = BigDecimal.valueOf(2000 + r.nextInt(3001));
            add(Kind.CAMPAIGNS, map("externalId", "campaign-" + q, "name", (social ? "LinkedIn push " : "Search sprint ") + q,
                    "channel", social ? "social" : "paid-search", "startDate", q.atDay(1).toString(),
                    "endDate", q.atDay(1).plusDays(45).isBefore(endDate) ? q.atDay(1).plusDays(45).toString() : null,
                    "cost", cost, "attributedRevenue", cost.multiply(BigDecimal.valueOf(50 + r.nextInt(250))).movePointLeft(2),
                    "currency", "USD"));
        }
        LocalDate monday = firstDay.with(java.time.temporal.TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        double scale = Math.max(0.2, spec.customers() / 300.0);
        for (LocalDate d = monday; d.isBefore(endDate); d = d.plusWeeks(1)) {
            add(Kind.EMAIL_LIST, map("externalId", "email-" + d, "date", d.toString(),
                    "subscribes", Math.round((20 + r.nextInt(40)) * scale), "unsubscribes", Math.round((4 + r.nextInt(10)) * scale)));
        }
    }

    // ------------------------------------------------------------------ retention

    private void retention() {
        Random r = rng("retention");
        LocalDate lastDay = spec.lastDay();
        List<Map<String, Object>> activity = facts.get(Kind.ACTIVITY);
        for (Customer c : customers) {
            int users = new int[] {1, 2, 3}[c.tier];
            LocalDate quietFrom = c.atRisk ? lastDay.minusDays(29) : null;
            for (LocalDate week = c.firstPay; !week.isAfter(lastDay); week = week.plusWeeks(1)) {
                for (int u = 1; u <= users; u++) {
                    LocalDate day = week.plusDays(r.nextInt(7));
                    if (day.isAfter(lastDay) || !c.payingOn(day) || (quietFrom != null && !day.isBefore(quietFrom))) {
                        continue;
                    }
                    // activity thins out in the six weeks before a churn
                    LocalDate next = c.mrr.higherKey(day);
                    if (next != null && c.mrr.get(next).signum() == 0 && day.plusDays(42).isAfter(next) && r.nextBoolean()) {
                        continue;
                    }
                    activity.add(map("customerId", c.id, "userId", c.id + "-u" + u,
                            "occurredAt", instant(day.atTime(8 + r.nextInt(10), r.nextInt(60)))));
                }
            }
            int k = 0;
            for (LocalDate d = c.firstPay.plusDays(30); !d.isAfter(lastDay); d = d.plusDays(90)) {
                if (!c.payingOn(d) || r.nextInt(100) >= 70) {
                    continue;
                }
                boolean late = c.atRisk && d.isAfter(lastDay.minusDays(180));
                int x = r.nextInt(100);
                int score = late ? r.nextInt(7) : x < 55 ? 9 + r.nextInt(2) : x < 83 ? 7 + r.nextInt(2) : 2 + r.nextInt(5);
                add(Kind.NPS, map("externalId", "nps-" + c.id + "-" + (++k), "customerId", c.id, "respondent", c.id + "-admin",
                        "score", score, "respondedAt", instant(d.atTime(11, r.nextInt(60))),
                        "comment", score <= 6 && r.nextBoolean() ? "Reports are slow to load" : null));
            }
            LocalDateTime signedUp = LocalDateTime.ofInstant(Instant.parse(c.signedUpAt), ZoneOffset.UTC);
            if (!signedUp.toLocalDate().isBefore(firstDay)) {
                add(Kind.ONBOARDING, map("externalId", "onb-" + c.id + "-signup", "customerId", c.id,
                        "milestone", "SIGNED_UP", "occurredAt", c.signedUpAt));
            }
            LocalDateTime activated = signedUp.plusDays(r.nextInt(100) < 15 ? 15 + r.nextInt(10) : 1 + r.nextInt(9));
            if (activated.toLocalDate().isBefore(endDate) && !activated.toLocalDate().isBefore(firstDay)) {
                add(Kind.ONBOARDING, map("externalId", "onb-" + c.id + "-activated", "customerId", c.id,
                        "milestone", "ACTIVATED", "occurredAt", instant(activated)));
            }
        }
    }

    // ------------------------------------------------------------------ support

    private Map<String, Object> supportSettings() {
        List<Object> days = new ArrayList<>();
        for (String d : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")) {
            days.add(map("weekday", d, "blocks", List.of(map("start", "08:00", "end", "18:00"))));
        }
        List<Object> holidays = new ArrayList<>();
        for (int y = spec.firstMonth().getYear(); y <= spec.lastMonth().getYear() + 1; y++) {
            for (String md : List.of("-01-01", "-12-24", "-12-25", "-12-26")) {
                holidays.add(y + md);
            }
        }
        List<Object> sla = List.of(
                map("priority", "urgent", "firstResponseHours", new BigDecimal("1"), "resolutionHours", new BigDecimal("8")),
                map("priority", "high", "firstResponseHours", new BigDecimal("4"), "resolutionHours", new BigDecimal("24")),
                map("priority", "normal", "firstResponseHours", new BigDecimal("8"), "resolutionHours", new BigDecimal("40")),
                map("priority", "low", "firstResponseHours", new BigDecimal("16"), "resolutionHours", new BigDecimal("80")));
        return map("timeZone", SUPPORT_ZONE, "businessHours", days, "holidays", holidays, "slaTargets", sla);
    }

    private void support() {
        Random r = rng("support");
        add(Kind.TEAMS, map("externalId", "frontline", "name", "Frontline"));
        add(Kind.TEAMS, map("externalId", "technical", "name", "Technical support"));
        String[][] agents = {{"agent-anna", "Anna Weber", "frontline"}, {"agent-ben", "Ben Carter", "frontline"},
            {"agent-clara", "Clara Rossi", "frontline"}, {"agent-david", "David Kim", "frontline"},
            {"agent-eva", "Eva Novak", "technical"}, {"agent-farid", "Farid Haddad", "technical"}};
        for (String[] a : agents) {
            add(Kind.AGENTS, map("externalId", a[0], "name", a[1], "teamId", a[2]));
        }
        Instant end = endDate.atStartOfDay(ZoneOffset.UTC).toInstant();
        String[] priorities = {"urgent", "high", "normal", "low"};
        String[] channels = {"email", "chat", "phone"};
        int seq = 0;
        List<Object[]> tickets = new ArrayList<>();
        for (Customer c : customers) {
            double perMonth = new double[] {0.25, 0.5, 1.0}[c.tier];
            for (YearMonth m = YearMonth.from(c.firstPay); !m.isAfter(spec.lastMonth()); m = m.plusMonths(1)) {
                int n = (int) perMonth + (r.nextDouble() < perMonth - (int) perMonth ? 1 : 0);
                for (int k = 0; k < n; k++) {
                    LocalDate day = m.atDay(1 + r.nextInt(m.lengthOfMonth()));
                    if (day.isBefore(endDate) && c.payingOn(day)) {
                        tickets.add(new Object[] {c, day});
                    }
                }
            }
            if (c.atRisk) {
                for (int k = 0; k < 3; k++) {
                    tickets.add(new Object[] {c, spec.lastDay().minusDays(2 + r.nextInt(25))});
                }
            }
        }
        for (Object[] t : tickets) {
            Customer c = (Customer) t[0];
            LocalDate day = (LocalDate) t[1];
            if (r.nextInt(100) < 85 && day.getDayOfWeek().getValue() >= 6) {
                // most tickets come in on weekdays: a weekend's go to the Friday before or the Monday after
                day = r.nextBoolean() ? day.minusDays(day.getDayOfWeek().getValue() - 5) : day.plusDays(8 - day.getDayOfWeek().getValue());
                if (!day.isBefore(endDate)) {
                    day = day.minusDays(3);
                }
            }
            if (day.isBefore(c.firstPay)) {
                day = c.firstPay;
            }
            LocalDateTime created = day.atTime(7 + r.nextInt(10), r.nextInt(60));
            String id = String.format("tkt-%05d", ++seq);
            int p = pick(r, new int[] {5, 20, 55, 20});
            int agent = p <= 1 ? 4 + r.nextInt(2) : r.nextInt(4);
            add(Kind.TICKETS, map("externalId", id, "customerId", c.id, "channel", channels[pick(r, new int[] {50, 35, 15})],
                    "priority", priorities[p], "createdAt", instant(created)));
            List<Map<String, Object>> events = new ArrayList<>();
            int ev = 0;
            LocalDateTime at = created;
            boolean bot = r.nextInt(100) < 10;
            LocalDateTime resolved;
            if (bot) {
                at = at.plusMinutes(1);
                events.add(ticketEvent(id, ++ev, "BOT_REPLY", at, null));
                resolved = at.plusMinutes(5 + r.nextInt(60));
                events.add(ticketEvent(id, ++ev, "RESOLVED_BY_AUTOMATION", resolved, null));
            } else {
                at = at.plusMinutes(10 + r.nextInt(p <= 1 ? 60 : 360));
                events.add(ticketEvent(id, ++ev, "PUBLIC_AGENT_REPLY", at, agents[agent][0]));
                if (r.nextInt(100) < 40) {
                    at = at.plusMinutes(30 + r.nextInt(600));
                    events.add(ticketEvent(id, ++ev, "CUSTOMER_REPLY", at, null));
                    at = at.plusMinutes(20 + r.nextInt(300));
                    events.add(ticketEvent(id, ++ev, "PUBLIC_AGENT_REPLY", at, agents[agent][0]));
                }
                if (r.nextInt(100) < 20) {
                    events.add(ticketEvent(id, ++ev, "PRIVATE_AGENT_NOTE", at.plusMinutes(5), agents[agent][0]));
                }
                resolved = at.plusMinutes(30 + r.nextInt(p <= 1 ? 600 : 2400));
                events.add(ticketEvent(id, ++ev, "RESOLVED_BY_AGENT", resolved, agents[agent][0]));
                if (r.nextInt(100) < 5) {
                    LocalDateTime reopened = resolved.plusDays(1);
                    events.add(ticketEvent(id, ++ev, "REOPENED", reopened, null));
                    resolved = reopened.plusHours(3);
                    events.add(ticketEvent(id, ++ev, "RESOLVED_BY_AGENT", resolved, agents[agent][0]));
                }
            }
            boolean allInTime = true;
            for (Map<String, Object> e : events) {
                if (Instant.parse((String) e.get("at")).isBefore(end)) {
                    add(Kind.TICKET_EVENTS, e);
                } else {
                    allInTime = false;
                }
            }
            LocalDateTime answered = resolved.plusMinutes(40 + r.nextInt(120));
            if (allInTime && r.nextInt(100) < 45 && answered.toInstant(ZoneOffset.UTC).isBefore(end)) {
                int x = r.nextInt(100);
                int rating = c.atRisk && r.nextBoolean() ? 1 + r.nextInt(3)
                        : x < 55 ? 5 : x < 83 ? 4 : x < 91 ? 3 : x < 96 ? 2 : 1;
                add(Kind.CSAT, map("externalId", "csat-" + id, "ticketId", id, "rating", rating, "respondedAt", instant(answered)));
            }
        }
    }

    private static Map<String, Object> ticketEvent(String ticket, int n, String type, LocalDateTime at, String agent) {
        return map("externalId", ticket + "-ev" + n, "ticketId", ticket, "type", type, "at", instant(at), "agentId", agent);
    }

    // ------------------------------------------------------------------ costs, targets, alert rules

    private void costs(DemoFigures figures) {
        for (DemoFigures.Month m : figures.months()) {
            LocalDate day = m.month().atEndOfMonth().isBefore(endDate) ? m.month().atEndOfMonth() : spec.lastDay();
            BigDecimal mrr = m.mrrEnd();
            cost(m.month(), "COGS", "hosting", "USD", mrr.multiply(new BigDecimal("0.08")).add(BigDecimal.valueOf(800)), day);
            cost(m.month(), "COGS", "third-party-licences", "EUR", mrr.multiply(new BigDecimal("0.03")), day);
            cost(m.month(), "COGS", "customer-support", "USD", mrr.multiply(new BigDecimal("0.05")).add(BigDecimal.valueOf(500)), day);
            cost(m.month(), "OPERATING_EXPENSE", "research-and-development", "USD",
                    mrr.multiply(new BigDecimal("0.35")).add(BigDecimal.valueOf(3000)), day);
            cost(m.month(), "OPERATING_EXPENSE", "sales-and-marketing", "USD",
                    mrr.multiply(new BigDecimal("0.25")).add(BigDecimal.valueOf(2500)), day);
            cost(m.month(), "OPERATING_EXPENSE", "general-and-administrative", "USD",
                    mrr.multiply(new BigDecimal("0.08")).add(BigDecimal.valueOf(1500)), day);
        }
    }

    private void cost(YearMonth month, String kind, String category, String currency, BigDecimal amount, LocalDate day) {
        add(Kind.COSTS, map("externalId", "cost-" + month + "-" + category, "kind", kind, "category", category,
                "amount", amount.setScale(2, RoundingMode.HALF_UP), "currency", currency, "date", day.toString()));
    }

    private List<Map<String, Object>> targets(DemoFigures figures) {
        String from = spec.firstDay().toString();
        BigDecimal scoredMrr = figures.month(figures.scoredMonth()).mrrEnd();
        // 5% above the scored month's MRR, rounded up to the hundred: the scorecard shows it AT_RISK
        BigDecimal mrrTarget = scoredMrr.multiply(new BigDecimal("1.05")).divide(BigDecimal.valueOf(100), 0, RoundingMode.UP)
                .multiply(BigDecimal.valueOf(100));
        List<Map<String, Object>> t = new ArrayList<>();
        t.add(target("MRR", mrrTarget, "AT_LEAST", from));
        t.add(target("NRR", new BigDecimal("1.0"), "AT_LEAST", from));
        t.add(target("LOGO_CHURN", new BigDecimal("0.02"), "AT_MOST", from));
        t.add(target("GROSS_MARGIN", new BigDecimal("0.75"), "AT_LEAST", from));
        t.add(target("ARPA", new BigDecimal("150"), "AT_LEAST", from));
        t.add(target("NPS", new BigDecimal("30"), "AT_LEAST", from));
        t.add(target("CAC_PAYBACK_MONTHS", new BigDecimal("12"), "AT_MOST", from));
        t.add(target("CSAT", new BigDecimal("0.85"), "AT_LEAST", from));
        t.add(target("FIRST_RESPONSE_BUSINESS_HOURS", new BigDecimal("4"), "AT_MOST", from));
        t.add(target("RESOLUTION_BUSINESS_HOURS", new BigDecimal("24"), "AT_MOST", from));
        return t;
    }

    private static Map<String, Object> target(String kpi, BigDecimal value, String direction, String from) {
        return map("kpi", kpi, "frequency", "MONTHLY", "effectiveFrom", from, "value", value, "direction", direction);
    }

    static final String ALERT_LOGO_CHURN = "logo-churn-above-2-percent";
    static final String ALERT_MRR_SHRINKING = "mrr-shrinking";
    static final String ALERT_NRR = "nrr-below-100-percent";
    static final String ALERT_CSAT = "csat-below-80-percent";

    private static List<Map<String, Object>> alertRules() {
        return List.of(
                rule(ALERT_LOGO_CHURN, "LOGO_CHURN", "GT", "0.02"),
                rule(ALERT_MRR_SHRINKING, "MRR_GROWTH_RATE", "LT", "0"),
                rule(ALERT_NRR, "NRR", "LT", "1.0"),
                rule(ALERT_CSAT, "CSAT", "LT", "0.8"),
                rule("cac-payback-over-18-months", "CAC_PAYBACK_MONTHS", "GT", "18"),
                rule("ltv-to-cac-below-3", "LTV_TO_CAC", "LT", "3"));
    }

    private static Map<String, Object> rule(String id, String kpi, String comparison, String threshold) {
        return map("externalId", id, "kpi", kpi, "frequency", "MONTHLY", "comparison", comparison,
                "threshold", new BigDecimal(threshold));
    }

    private static List<String> firing(DemoFigures figures) {
        DemoFigures.Month m = figures.month(figures.scoredMonth());
        List<String> firing = new ArrayList<>();
        if (m.logoChurnRate() != null && m.logoChurnRate().compareTo(new BigDecimal("0.02")) > 0) {
            firing.add(ALERT_LOGO_CHURN);
        }
        if (m.growthRate() != null && m.growthRate().signum() < 0) {
            firing.add(ALERT_MRR_SHRINKING);
        }
        if (m.nrr() != null && m.nrr().compareTo(BigDecimal.ONE) < 0) {
            firing.add(ALERT_NRR);
        }
        if (m.csat() != null && m.csat().compareTo(new BigDecimal("0.8")) < 0) {
            firing.add(ALERT_CSAT);
        }
        return firing;
    }

    // ------------------------------------------------------------------ the expected figures

    private DemoFigures figures() {
        ZoneId berlin = ZoneId.of(SUPPORT_ZONE);
        Map<YearMonth, long[]> counts = new TreeMap<>();
        for (YearMonth m = spec.firstMonth(); !m.isAfter(spec.lastMonth()); m = m.plusMonths(1)) {
            counts.put(m, new long[8]);
        }
        for (Map<String, Object> t : facts.get(Kind.TRIALS)) {
            bump(counts, YearMonth.from(Instant.parse((String) t.get("startedAt")).atZone(ZoneOffset.UTC)), 0, 1);
        }
        for (Map<String, Object> v : facts.get(Kind.VISITOR_COUNTS)) {
            bump(counts, YearMonth.from(LocalDate.parse((String) v.get("date"))), 1, (Long) v.get("visitors"));
        }
        for (Map<String, Object> n : facts.get(Kind.NPS)) {
            YearMonth m = YearMonth.from(Instant.parse((String) n.get("respondedAt")).atZone(ZoneOffset.UTC));
            int score = (Integer) n.get("score");
            bump(counts, m, 2, 1);
            bump(counts, m, 3, score >= 9 ? 1 : 0);
            bump(counts, m, 4, score <= 6 ? 1 : 0);
        }
        for (Map<String, Object> t : facts.get(Kind.TICKETS)) {
            bump(counts, YearMonth.from(Instant.parse((String) t.get("createdAt")).atZone(berlin)), 5, 1);
        }
        for (Map<String, Object> c : facts.get(Kind.CSAT)) {
            YearMonth m = YearMonth.from(Instant.parse((String) c.get("respondedAt")).atZone(berlin));
            bump(counts, m, 6, 1);
            bump(counts, m, 7, (Integer) c.get("rating") >= 4 ? 1 : 0);
        }
        List<DemoFigures.Month> months = new ArrayList<>();
        for (YearMonth m = spec.firstMonth(); !m.isAfter(spec.lastMonth()); m = m.plusMonths(1)) {
            LocalDate before = m.atDay(1).minusDays(1);
            LocalDate last = m.atEndOfMonth();
            BigDecimal mrrStart = BigDecimal.ZERO;
            BigDecimal mrrEnd = BigDecimal.ZERO;
            BigDecimal retained = BigDecimal.ZERO;
            int payingStart = 0;
            int payingEnd = 0;
            int newCustomers = 0;
            int churned = 0;
            int reactivated = 0;
            int retentionChurned = 0;
            for (Customer c : customers) {
                BigDecimal start = c.mrrAt(before);
                BigDecimal end = c.mrrAt(last);
                mrrStart = mrrStart.add(start);
                mrrEnd = mrrEnd.add(end);
                if (start.signum() > 0) {
                    payingStart++;
                    retained = retained.add(end);
                }
                if (end.signum() > 0) {
                    payingEnd++;
                }
                if (YearMonth.from(c.firstPay).equals(m)) {
                    newCustomers++;
                }
                boolean churnedHere = false;
                boolean reactivatedHere = false;
                BigDecimal previous = start;
                for (Map.Entry<LocalDate, BigDecimal> e : c.mrr.subMap(m.atDay(1), true, last, true).entrySet()) {
                    if (previous.signum() > 0 && e.getValue().signum() == 0) {
                        churnedHere = true;
                    }
                    if (previous.signum() == 0 && e.getValue().signum() > 0 && !e.getKey().equals(c.firstPay)) {
                        reactivatedHere = true;
                    }
                    previous = e.getValue();
                }
                churned += churnedHere ? 1 : 0;
                reactivated += reactivatedHere ? 1 : 0;
                retentionChurned += churnedHere && start.signum() > 0 ? 1 : 0;
            }
            long[] k = counts.get(m);
            months.add(new DemoFigures.Month(m, mrrStart, mrrEnd, payingStart, payingEnd, newCustomers, churned, reactivated,
                    retentionChurned, retained, k[0], k[1], (int) k[2], (int) k[3], (int) k[4], (int) k[5], (int) k[6], (int) k[7]));
        }
        YearMonth scored = YearMonth.from(endDate).minusMonths(1);
        if (scored.isBefore(spec.firstMonth())) {
            scored = spec.firstMonth();
        }
        return new DemoFigures(months, scored, List.of());
    }

    private static void bump(Map<YearMonth, long[]> counts, YearMonth m, int index, long by) {
        long[] row = counts.get(m);
        if (row != null) {
            row[index] += by;
        }
    }
}
