package dev.watchdog.memory;

/** A verdict with the rule and model of the diagnosis it is about: what hit rates are counted from. */
public record RatedDiagnosis(long diagnosisId, String ruleName, String model, boolean helpful) {
}
