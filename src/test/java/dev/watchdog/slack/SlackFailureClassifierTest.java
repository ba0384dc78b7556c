package dev.watchdog.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlackFailureClassifierTest {

    @ParameterizedTest(name = "HTTP {0} {1} -> {2}")
    @CsvSource(nullValues = "-", textBlock = """
            # status, Slack error,         kind
            # Slack asks us to slow down
              429,    -,                   RATE_LIMITED
              429,    ratelimited,         RATE_LIMITED
              200,    ratelimited,         RATE_LIMITED
              200,    rate_limited,        RATE_LIMITED
            # no answer at all: refused, reset, timed out
              0,      IOException,         TRANSIENT
              0,      SocketTimeoutException, TRANSIENT
            # Slack or a proxy in trouble
              500,    -,                   TRANSIENT
              502,    -,                   TRANSIENT
              503,    -,                   TRANSIENT
              504,    -,                   TRANSIENT
              408,    -,                   TRANSIENT
              200,    internal_error,      TRANSIENT
              200,    fatal_error,         TRANSIENT
              200,    service_unavailable, TRANSIENT
              200,    request_timeout,     TRANSIENT
              200,    team_added_to_org,   TRANSIENT
            # the request is wrong: the same call gets the same answer
              400,    -,                   PERMANENT
              401,    -,                   PERMANENT
              403,    -,                   PERMANENT
              404,    -,                   PERMANENT
              413,    -,                   PERMANENT
              200,    channel_not_found,   PERMANENT
              200,    not_in_channel,      PERMANENT
              200,    is_archived,         PERMANENT
              200,    invalid_auth,        PERMANENT
              200,    not_authed,          PERMANENT
              200,    account_inactive,    PERMANENT
              200,    token_revoked,       PERMANENT
              200,    token_expired,       PERMANENT
              200,    no_permission,       PERMANENT
              200,    missing_scope,       PERMANENT
              200,    restricted_action,   PERMANENT
              200,    msg_too_long,        PERMANENT
              200,    invalid_blocks,      PERMANENT
              200,    invalid_blocks_format, PERMANENT
              200,    no_text,             PERMANENT
              200,    invalid_arguments,   PERMANENT
              200,    message_not_found,   PERMANENT
              200,    cant_update_message, PERMANENT
              200,    edit_window_closed,  PERMANENT
            # codes nobody listed are the request's fault too (as in Alertmanager's Slack notifier)
              200,    some_new_error,      PERMANENT
            """)
    void decidesWhetherARetryCanHelp(int status, String error, SlackFailureKind expected) {
        assertThat(SlackFailureClassifier.classify(status, error)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} retryable: {1}")
    @CsvSource({"RATE_LIMITED, true", "TRANSIENT, true", "PERMANENT, false"})
    void onlyPermanentFailuresAreNotRetried(SlackFailureKind kind, boolean retryable) {
        assertThat(kind.retryable()).isEqualTo(retryable);
    }
}
