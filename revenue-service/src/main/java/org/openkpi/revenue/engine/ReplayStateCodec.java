package org.openkpi.revenue.engine;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.openkpi.revenue.util.Maps;

/**
 * Turns a {@link ReplayState} into bytes and back, exactly (amounts keep their scale). The first byte is the format;
 * bytes of another format, or that do not decode (truncated, damaged), decode to null, which makes the caller replay the
 * whole history and store a new state: a state is derived data, never a reason to fail a write.
 *
 * <p>Layout (format 2): integers as variable-length quantities (LEB128, signed ones zigzag-encoded), so the small numbers
 * a state is made of (counts, scales, days, amounts in cents) take a byte or a few; strings as their UTF-8 length and
 * bytes; per subscription, one number holding its flags and which of its optional fields follow. Every customer touched
 * by a write has its state decoded, replaced and encoded again, so both directions work on a plain byte array.
 */
public final class ReplayStateCodec {

    /**
     * Bump whenever a rule of {@link SubscriptionReplay} or {@link MovementEngine} changes what a history derives, or the
     * layout below changes: states stored by an older build are then ignored instead of resumed from.
     */
    static final byte FORMAT = 2;

    // a subscription's flags, then which optional field is present
    private static final int STARTED = 1;
    private static final int CANCELLED = 1 << 1;
    private static final int CANCELLED_BY_DUNNING = 1 << 2;
    private static final int PAUSED = 1 << 3;
    private static final int CONFIG_DIRTY = 1 << 4;
    private static final int PLAN_CODE = 1 << 5;
    private static final int DISCOUNT_PERCENT = 1 << 6;
    private static final int DISCOUNT_AMOUNT = 1 << 7;
    private static final int TRIAL_END = 1 << 8;
    private static final int PENDING_CANCEL_AT = 1 << 9;
    private static final int PAST_DUE_SINCE = 1 << 10;
    private static final int PAID_THROUGH = 1 << 11;
    private static final int CONFIG_EVENT_ID = 1 << 12;
    private static final int SEGMENT_AT = 1 << 13;
    private static final int SEGMENT_PLAN_CODE = 1 << 14;

    private ReplayStateCodec() {
    }

    public static byte[] encode(ReplayState state) {
        Writer out = new Writer();
        out.raw(FORMAT);
        out.signed(state.lastDay().toEpochDay());
        out.decimal(state.previousTotal());
        out.unsigned(state.previousByPlan().size());
        for (Map.Entry<String, BigDecimal> e : state.previousByPlan().entrySet()) {
            out.string(e.getKey());
            out.decimal(e.getValue());
        }
        out.raw(state.everPaid() ? 1 : 0);
        out.unsigned(state.plansEverPaid().size());
        for (String plan : state.plansEverPaid()) {
            out.string(plan);
        }
        out.unsigned(state.subscriptions().size());
        for (Map.Entry<String, SubscriptionReplay.State> e : state.subscriptions().entrySet()) {
            out.string(e.getKey());
            writeSubscription(out, e.getValue());
        }
        return out.toByteArray();
    }

    /** @return the state, or null if the bytes are of another format or do not decode */
    public static ReplayState decode(byte[] bytes) {
        if (bytes.length == 0 || bytes[0] != FORMAT) {
            return null;
        }
        try {
            Reader in = new Reader(bytes, 1);
            LocalDate lastDay = LocalDate.ofEpochDay(in.signed());
            BigDecimal previousTotal = in.decimal();
            int plans = in.count();
            Map<String, BigDecimal> byPlan = Maps.hashMap(plans);
            for (int i = 0; i < plans; i++) {
                byPlan.put(in.string(), in.decimal());
            }
            boolean everPaid = in.flag();
            int paid = in.count();
            Set<String> plansEverPaid = Maps.hashSet(paid);
            for (int i = 0; i < paid; i++) {
                plansEverPaid.add(in.string());
            }
            int subscriptions = in.count();
            Map<String, SubscriptionReplay.State> subs = new TreeMap<>();
            for (int i = 0; i < subscriptions; i++) {
                subs.put(in.string(), readSubscription(in));
            }
            return in.atEnd() ? new ReplayState(lastDay, previousTotal, byPlan, everPaid, plansEverPaid, subs) : null;
        } catch (RuntimeException e) {
            return null; // truncated or damaged
        }
    }

    private static void writeSubscription(Writer out, SubscriptionReplay.State s) {
        Segment last = s.lastSegment();
        int bits = (s.started() ? STARTED : 0) | (s.cancelled() ? CANCELLED : 0) | (s.cancelledByDunning() ? CANCELLED_BY_DUNNING : 0)
                | (s.paused() ? PAUSED : 0) | (s.configDirty() ? CONFIG_DIRTY : 0) | (s.planCode() != null ? PLAN_CODE : 0)
                | (s.discountPercent() != null ? DISCOUNT_PERCENT : 0) | (s.discountAmount() != null ? DISCOUNT_AMOUNT : 0)
                | (s.trialEnd() != null ? TRIAL_END : 0) | (s.pendingCancelAt() != null ? PENDING_CANCEL_AT : 0)
                | (s.pastDueSince() != null ? PAST_DUE_SINCE : 0) | (s.paidThrough() != null ? PAID_THROUGH : 0)
                | (s.configEventId() != null ? CONFIG_EVENT_ID : 0) | (last.at() != null ? SEGMENT_AT : 0)
                | (last.planCode() != null ? SEGMENT_PLAN_CODE : 0);
        out.unsigned(bits);
        if (s.planCode() != null) {
            out.string(s.planCode());
        }
        out.signed(s.quantity());
        if (s.discountPercent() != null) {
            out.decimal(s.discountPercent());
        }
        if (s.discountAmount() != null) {
            out.decimal(s.discountAmount());
        }
        if (s.trialEnd() != null) {
            out.instant(s.trialEnd());
        }
        if (s.pendingCancelAt() != null) {
            out.instant(s.pendingCancelAt());
        }
        if (s.pastDueSince() != null) {
            out.instant(s.pastDueSince());
        }
        if (s.paidThrough() != null) {
            out.instant(s.paidThrough());
        }
        out.decimal(s.currentMrr());
        if (s.configEventId() != null) {
            out.string(s.configEventId());
        }
        if (last.at() != null) {
            out.instant(last.at());
        }
        out.decimal(last.mrr());
        if (last.planCode() != null) {
            out.string(last.planCode());
        }
    }

    private static SubscriptionReplay.State readSubscription(Reader in) {
        long bits = in.unsigned();
        if (bits >= 1 << 15) {
            throw new IllegalArgumentException("unknown flags");
        }
        String planCode = (bits & PLAN_CODE) != 0 ? in.string() : null;
        int quantity = Math.toIntExact(in.signed());
        BigDecimal discountPercent = (bits & DISCOUNT_PERCENT) != 0 ? in.decimal() : null;
        BigDecimal discountAmount = (bits & DISCOUNT_AMOUNT) != 0 ? in.decimal() : null;
        Instant trialEnd = (bits & TRIAL_END) != 0 ? in.instant() : null;
        Instant pendingCancelAt = (bits & PENDING_CANCEL_AT) != 0 ? in.instant() : null;
        Instant pastDueSince = (bits & PAST_DUE_SINCE) != 0 ? in.instant() : null;
        Instant paidThrough = (bits & PAID_THROUGH) != 0 ? in.instant() : null;
        BigDecimal currentMrr = in.decimal();
        String configEventId = (bits & CONFIG_EVENT_ID) != 0 ? in.string() : null;
        Instant segmentAt = (bits & SEGMENT_AT) != 0 ? in.instant() : null;
        BigDecimal segmentMrr = in.decimal();
        String segmentPlan = (bits & SEGMENT_PLAN_CODE) != 0 ? in.string() : null;
        return new SubscriptionReplay.State((bits & STARTED) != 0, (bits & CANCELLED) != 0, (bits & CANCELLED_BY_DUNNING) != 0,
                (bits & PAUSED) != 0, planCode, quantity, discountPercent, discountAmount, trialEnd, pendingCancelAt, pastDueSince,
                paidThrough, (bits & CONFIG_DIRTY) != 0, currentMrr, configEventId, new Segment(segmentAt, segmentMrr, segmentPlan));
    }

    /** Appends to a growing byte array. */
    private static final class Writer {
        private byte[] buf = new byte[128];
        private int size;

        void raw(int b) {
            if (size == buf.length) {
                buf = Arrays.copyOf(buf, size * 2);
            }
            buf[size++] = (byte) b;
        }

        void unsigned(long value) {
            while ((value & ~0x7FL) != 0) {
                raw((int) (value & 0x7F) | 0x80);
                value >>>= 7;
            }
            raw((int) value);
        }

        void signed(long value) {
            unsigned((value << 1) ^ (value >> 63)); // zigzag: small magnitudes, either sign, stay short
        }

        /** Scale and a flag, then the unscaled value: as a number when it fits in a long, else as its bytes. */
        void decimal(BigDecimal value) {
            BigInteger unscaled = value.unscaledValue();
            boolean fits = unscaled.bitLength() < 64;
            signed(((long) value.scale() << 1) | (fits ? 0 : 1));
            if (fits) {
                signed(unscaled.longValue());
            } else {
                bytes(unscaled.toByteArray());
            }
        }

        void instant(Instant value) {
            signed(value.getEpochSecond());
            unsigned(value.getNano());
        }

        void string(String value) {
            bytes(value.getBytes(StandardCharsets.UTF_8));
        }

        private void bytes(byte[] value) {
            unsigned(value.length);
            if (size + value.length > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + value.length));
            }
            System.arraycopy(value, 0, buf, size, value.length);
            size += value.length;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, size);
        }
    }

    /** Reads what {@link Writer} wrote; running past the end, or a value out of range, throws. */
    private static final class Reader {
        private final byte[] buf;
        private int pos;

        Reader(byte[] buf, int pos) {
            this.buf = buf;
            this.pos = pos;
        }

        boolean flag() {
            int b = buf[pos++];
            if (b != 0 && b != 1) {
                throw new IllegalArgumentException("not a flag");
            }
            return b == 1;
        }

        long unsigned() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = buf[pos++];
                value |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("number too long");
        }

        long signed() {
            long raw = unsigned();
            return (raw >>> 1) ^ -(raw & 1);
        }

        /** A count of entries that each take a byte at least: never more than the bytes left (damaged bytes cannot size a map). */
        int count() {
            long n = unsigned();
            if (n > buf.length - pos) {
                throw new IllegalArgumentException("count beyond the bytes");
            }
            return (int) n;
        }

        BigDecimal decimal() {
            long header = signed();
            int scale = Math.toIntExact(header >> 1);
            if ((header & 1) == 0) {
                return BigDecimal.valueOf(signed(), scale);
            }
            return new BigDecimal(new BigInteger(bytes()), scale);
        }

        Instant instant() {
            return Instant.ofEpochSecond(signed(), unsigned());
        }

        String string() {
            int length = count();
            String value = new String(buf, pos, length, StandardCharsets.UTF_8);
            pos += length;
            return value;
        }

        private byte[] bytes() {
            int length = count();
            byte[] value = Arrays.copyOfRange(buf, pos, pos + length);
            pos += length;
            return value;
        }

        boolean atEnd() {
            return pos == buf.length;
        }
    }
}
