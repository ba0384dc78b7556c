package dev.watchdog.memory;

import java.time.Instant;

/** One version of a recorded cause: every save is kept, with who and when. */
public record CauseEdit(long alertId, CauseCategory category, String what, String fix, String link, String editedBy,
        Instant editedAt) {
}
