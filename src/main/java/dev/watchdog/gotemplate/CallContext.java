package dev.watchdog.gotemplate;

import java.time.Instant;

/** What functions may use while a template renders: the query hook, the external URL and the evaluation time. */
record CallContext(QueryFunction query, String externalUrl, Instant evaluationTime) {
}
