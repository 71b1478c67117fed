package org.openkpi.revenue.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a {@link ReplayState} into bytes and back, exactly (amounts keep their scale). The first byte is the format;
 * bytes of another format, or that do not decode (truncated, damaged), decode to null, which makes the caller replay the
 * whole history and store a new state: a state is derived data, never a reason to fail a write.
 */
public final class ReplayStateCodec {

    /**
     * Bump whenever a rule of {@link SubscriptionReplay} or {@link MovementEngine} changes what a history derives, or the
     * layout below changes: states stored by an older build are then ignored instead of resumed from.
     */
    static final byte FORMAT = 1;

    private ReplayStateCodec() {
    }

    public static byte[] encode(ReplayState state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeLong(state.lastDay().toEpochDay());
            writeDecimal(out, state.previousTotal());
            out.writeInt(state.previousByPlan().size());
            for (Map.Entry<String, BigDecimal> e : state.previousByPlan().entrySet()) {
                out.writeUTF(e.getKey());
                writeDecimal(out, e.getValue());
            }
            out.writeBoolean(state.everPaid());
            out.writeInt(state.plansEverPaid().size());
            for (String plan : state.plansEverPaid()) {
                out.writeUTF(plan);
            }
            out.writeInt(state.subscriptions().size());
            for (Map.Entry<String, SubscriptionReplay.State> e : state.subscriptions().entrySet()) {
                out.writeUTF(e.getKey());
                writeSubscription(out, e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @return the state, or null if the bytes are of another format or do not decode */
    public static ReplayState decode(byte[] bytes) {
        if (bytes.length == 0 || bytes[0] != FORMAT) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1))) {
            LocalDate lastDay = LocalDate.ofEpochDay(in.readLong());
            BigDecimal previousTotal = readDecimal(in);
            int plans = in.readInt();
            Map<String, BigDecimal> byPlan = new HashMap<>();
            for (int i = 0; i < plans; i++) {
                byPlan.put(in.readUTF(), readDecimal(in));
            }
            boolean everPaid = in.readBoolean();
            int paid = in.readInt();
            Set<String> plansEverPaid = new HashSet<>();
            for (int i = 0; i < paid; i++) {
                plansEverPaid.add(in.readUTF());
            }
            int subscriptions = in.readInt();
            Map<String, SubscriptionReplay.State> subs = new TreeMap<>();
            for (int i = 0; i < subscriptions; i++) {
                subs.put(in.readUTF(), readSubscription(in));
            }
            return in.available() == 0 ? new ReplayState(lastDay, previousTotal, byPlan, everPaid, plansEverPaid, subs) : null;
        } catch (IOException | RuntimeException e) {
            return null; // truncated or damaged
        }
    }

    private static void writeSubscription(DataOutputStream out, SubscriptionReplay.State s) throws IOException {
        out.writeByte((s.started() ? 1 : 0) | (s.cancelled() ? 2 : 0) | (s.cancelledByDunning() ? 4 : 0) | (s.paused() ? 8 : 0)
                | (s.configDirty() ? 16 : 0));
        writeString(out, s.planCode());
        out.writeInt(s.quantity());
        writeNullableDecimal(out, s.discountPercent());
        writeNullableDecimal(out, s.discountAmount());
        writeInstant(out, s.trialEnd());
        writeInstant(out, s.pendingCancelAt());
        writeInstant(out, s.pastDueSince());
        writeInstant(out, s.paidThrough());
        writeDecimal(out, s.currentMrr());
        writeString(out, s.configEventId());
        writeInstant(out, s.lastSegment().at());
        writeDecimal(out, s.lastSegment().mrr());
        writeString(out, s.lastSegment().planCode());
    }

    private static SubscriptionReplay.State readSubscription(DataInputStream in) throws IOException {
        int flags = in.readByte();
        String planCode = readString(in);
        int quantity = in.readInt();
        BigDecimal discountPercent = readNullableDecimal(in);
        BigDecimal discountAmount = readNullableDecimal(in);
        Instant trialEnd = readInstant(in);
        Instant pendingCancelAt = readInstant(in);
        Instant pastDueSince = readInstant(in);
        Instant paidThrough = readInstant(in);
        BigDecimal currentMrr = readDecimal(in);
        String configEventId = readString(in);
        Segment last = new Segment(readInstant(in), readDecimal(in), readString(in));
        return new SubscriptionReplay.State((flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0, (flags & 8) != 0, planCode,
                quantity, discountPercent, discountAmount, trialEnd, pendingCancelAt, pastDueSince, paidThrough, (flags & 16) != 0,
                currentMrr, configEventId, last);
    }

    private static void writeDecimal(DataOutputStream out, BigDecimal value) throws IOException {
        byte[] unscaled = value.unscaledValue().toByteArray();
        out.writeInt(value.scale());
        out.writeShort(unscaled.length);
        out.write(unscaled);
    }

    private static BigDecimal readDecimal(DataInputStream in) throws IOException {
        int scale = in.readInt();
        byte[] unscaled = new byte[in.readShort()];
        in.readFully(unscaled);
        return new BigDecimal(new BigInteger(unscaled), scale);
    }

    private static void writeNullableDecimal(DataOutputStream out, BigDecimal value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            writeDecimal(out, value);
        }
    }

    private static BigDecimal readNullableDecimal(DataInputStream in) throws IOException {
        return in.readBoolean() ? readDecimal(in) : null;
    }

    private static void writeInstant(DataOutputStream out, Instant value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeLong(value.getEpochSecond());
            out.writeInt(value.getNano());
        }
    }

    private static Instant readInstant(DataInputStream in) throws IOException {
        return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static String readString(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
