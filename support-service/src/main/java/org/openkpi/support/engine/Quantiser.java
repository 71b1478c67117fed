package org.openkpi.support.engine;

/**
 * Quantises a duration in seconds for the duration histograms that median and p90 are read from. A value
 * v is rounded (half up) to a multiple of the largest step of {@link #STEPS} that is at most v / 50, so the
 * error is at most 1% of v and a histogram holds about 50 to 100 keys per step band (a few hundred for any
 * realistic spread of durations). The steps are human units: values under 50 s stay exact, whole minutes up
 * to 100 minutes, half hours up to 50 hours and whole hours up to 100 hours are kept exactly. The mean
 * never uses this: it comes from exact sums.
 */
public final class Quantiser {

    static final long[] STEPS = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200,
        86_400, 172_800, 432_000, 864_000, 1_728_000, 4_320_000, 8_640_000, 17_280_000, 43_200_000};

    private Quantiser() {
    }

    public static long quantise(long seconds) {
        if (seconds < 50) {
            return Math.max(0, seconds);
        }
        long step = 1;
        for (long s : STEPS) {
            if (s * 50 > seconds) {
                break;
            }
            step = s;
        }
        return ((seconds + step / 2) / step) * step;
    }
}
