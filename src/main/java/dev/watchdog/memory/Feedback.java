package dev.watchdog.memory;

import java.time.Instant;

/**
 * One person's verdict on a diagnosis; a second click by the same person replaces the first.
 *
 * @param actualCause what the person says the cause really was (only with a thumbs down), or null
 */
public record Feedback(long diagnosisId, String userId, boolean helpful, String actualCause, Instant givenAt) {
}
