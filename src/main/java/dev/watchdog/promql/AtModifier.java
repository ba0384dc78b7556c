package dev.watchdog.promql;

/** The {@code @} modifier: a fixed evaluation time, or the start or end of a range query. */
public sealed interface AtModifier {

    /** {@code @ 1609746000}, in milliseconds since the epoch. */
    record Timestamp(long millis) implements AtModifier {
    }

    /** {@code @ start()} and {@code @ end()}. */
    enum Boundary implements AtModifier {
        START, END
    }
}
