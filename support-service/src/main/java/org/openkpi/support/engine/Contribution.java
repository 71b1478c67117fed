package org.openkpi.support.engine;

import java.time.LocalDate;

/**
 * One ticket's part of one metric on one day: {@code n} and {@code total} for rollup_count, and for a
 * duration metric also the quantised value {@code qkey} counted once in rollup_hist (else -1).
 */
public record Contribution(short metric, LocalDate day, long n, long total, long qkey) {
}
