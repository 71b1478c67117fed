package org.openkpi.revenue.service;

/**
 * A customer's replay state as a batch of events finds it (encoded, {@code ReplayStateCodec}), with how far the
 * database's stored state is behind it.
 * <p>
 * The database holds, per customer, either no state or the state of a prefix of its history: the replay of its stored
 * events up to the end of the state's last day, and no stored event on or before that day has changed since. An
 * evaluation that continues a state with later events stores the state it reaches only once the stored one would
 * otherwise be {@link LedgerService#MAX_EVENTS_BEHIND} events behind; one that replays a whole history always stores
 * it (or removes the stored one). So a stored state is fewer than that many events behind, and whoever continues it
 * reads the customer's events after its day first.
 *
 * @param state the encoded state
 * @param behind how many of the customer's stored events this state includes and the database's does not; or
 *        {@link #UNKNOWN}: this is the database's state, and stored events may follow it
 */
public record KnownState(byte[] state, int behind) {

    /** {@link #behind} of a state read from the database. */
    public static final int UNKNOWN = -1;

    /** A state as the database stores it. */
    public static KnownState stored(byte[] state) {
        return new KnownState(state, UNKNOWN);
    }
}
