package dev.watchdog.prometheus;

/** What {@code /api/v1/status/buildinfo} says about the server. */
public record BuildInfo(String version, String revision, String branch, String goVersion) {
}
