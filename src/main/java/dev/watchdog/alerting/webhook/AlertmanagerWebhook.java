package dev.watchdog.alerting.webhook;

import dev.watchdog.ops.telemetry.Telemetry;
import dev.watchdog.alerting.AlertSources;
import dev.watchdog.alerting.ExternalAlertSink;
import dev.watchdog.db.StoreException;
import dev.watchdog.ops.OpsExchange;
import dev.watchdog.ops.OpsHandler;
import dev.watchdog.ops.OpsServer;
import dev.watchdog.security.Secret;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/alertmanager}: receives Alertmanager's webhook notifications
 * ({@code webhook_configs: [{url: http://watchdog:9464/api/alertmanager}]}) and hands their alerts
 * to the pipeline, all of a payload or none of it.
 *
 * <p>Status codes follow Alertmanager's retry rule: it retries a 5xx and drops the notification on
 * any other non-2xx. So a request that can never succeed (unauthorised 401, not JSON 415, too big 413,
 * invalid 400) gets a 4xx with the reason, a failure on Watchdog's side (the sink threw) gets a 500,
 * and 200 comes only once the sink has taken the alerts. The token and the content type are checked
 * on the headers, before a byte of the body is read; the {@link OpsServer} reads the body within
 * its limit and answers 413 past it.
 */
public final class AlertmanagerWebhook implements OpsHandler {

    public static final String PATH = "/api/alertmanager";
    /** The source name the sink sees, and users with it. */
    public static final String SOURCE = AlertSources.ALERTMANAGER;
    /** Far above a real notification (a few KiB per alert), far below what could hurt the heap. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(AlertmanagerWebhook.class);

    private final ExternalAlertSink sink;
    private final BearerTokenCheck tokenCheck;
    private final int maxBodyBytes;

    /** @param bearerToken required from callers; null or empty accepts every caller */
    public AlertmanagerWebhook(ExternalAlertSink sink, Secret bearerToken) {
        this(sink, bearerToken, DEFAULT_MAX_BODY_BYTES);
    }

    public AlertmanagerWebhook(ExternalAlertSink sink, Secret bearerToken, int maxBodyBytes) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.tokenCheck = BearerTokenCheck.of(bearerToken);
        if (maxBodyBytes <= 0 || maxBodyBytes == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("webhook max body size must be between 1 and "
                    + (Integer.MAX_VALUE - 1) + " bytes, got " + maxBodyBytes);
        }
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Serves the webhook on {@code POST /api/alertmanager} of {@code ops}, bodies up to 1 MiB. */
    public static AlertmanagerWebhook register(OpsServer ops, ExternalAlertSink sink, Secret bearerToken) {
        return register(ops, sink, bearerToken, DEFAULT_MAX_BODY_BYTES);
    }

    public static AlertmanagerWebhook register(OpsServer ops, ExternalAlertSink sink, Secret bearerToken,
            int maxBodyBytes) {
        AlertmanagerWebhook webhook = new AlertmanagerWebhook(sink, bearerToken, maxBodyBytes);
        ops.route("POST", PATH, webhook);
        log.info("Alertmanager webhook receiver on POST {} ({})", PATH, webhook.tokenCheck);
        return webhook;
    }

    @Override
    public boolean admit(OpsExchange exchange) {
        try {
            checkAuthorization(exchange);
            checkContentType(exchange);
            return true;
        } catch (Rejection rejection) {
            reject(exchange, rejection);
            return false;
        }
    }

    @Override
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    @Override
    public void handle(OpsExchange exchange) {
        AlertmanagerPayload payload;
        try {
            payload = AlertmanagerPayload.parse(exchange.body());
        } catch (InvalidPayloadException invalid) {
            reject(exchange, new Rejection(400, invalid.getMessage()));
            return;
        }
        deliver(exchange, payload);
    }

    private void checkAuthorization(OpsExchange exchange) throws Rejection {
        switch (tokenCheck.check(exchange.header("Authorization"))) {
            case MISSING -> throw new Rejection(401, "bearer token required");
            case WRONG -> throw new Rejection(401, "bearer token rejected");
            case ALLOWED -> { }
        }
    }

    /** Lenient on purpose: only a type that is clearly something else is refused; none at all is fine. */
    private static void checkContentType(OpsExchange exchange) throws Rejection {
        String contentType = exchange.header("Content-Type");
        if (contentType == null || contentType.isBlank()) {
            return;
        }
        String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        boolean json = mediaType.equals("application/json") || mediaType.equals("text/json")
                || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
        if (!json) {
            // curl -d sends application/x-www-form-urlencoded; say what to send instead.
            throw new Rejection(415,
                    "Content-Type " + JsonText.quote(contentType) + " is not JSON: send application/json");
        }
    }

    private void deliver(OpsExchange exchange, AlertmanagerPayload payload) {
        String group = "receiver " + JsonText.quote(payload.receiver())
                + " group " + JsonText.quote(payload.groupKey());
        try {
            sink.receive(SOURCE, payload.alerts());
        } catch (RuntimeException e) {
            // Nothing of the batch was recorded (one transaction); Alertmanager retries a 5xx.
            boolean store = e instanceof StoreException;
            log.error("Alertmanager webhook: the {} did not take {} alerts from {}; answering {} so that Alertmanager"
                    + " retries", store ? "store" : "pipeline", payload.alerts().size(), group, store ? 503 : 500, e);
            Telemetry.get().metrics().webhookReceived("failed");
            OpsServer.respondText(exchange, store ? 503 : 500,
                    store ? "store unavailable, retry later" : "alerts not accepted, retry later");
            return;
        }
        if (payload.truncatedAlerts() > 0) {
            log.warn("Alertmanager left {} alerts of {} out (the receiver's max_alerts): Watchdog never sees them",
                    payload.truncatedAlerts(), group);
        }
        log.debug("Alertmanager webhook: {} alerts from {}", payload.alerts().size(), group);
        Telemetry.get().metrics().webhookReceived("accepted");
        OpsServer.respondText(exchange, 200, "ok");
    }

    private static void reject(OpsExchange exchange, Rejection rejection) {
        // The reason never holds the token or the Authorization header: only field paths and payload values.
        Telemetry.get().metrics().webhookReceived("rejected");
        log.warn("Alertmanager webhook from {} refused with {} (Alertmanager does not retry it): {}",
                exchange.remoteAddress(), rejection.status, rejection.getMessage());
        if (rejection.status == 401) {
            exchange.responseHeader("WWW-Authenticate", "Bearer");
        }
        OpsServer.respondText(exchange, rejection.status, rejection.getMessage());
    }

    /** An answer other than 2xx, decided before anything reached the sink. */
    private static final class Rejection extends Exception {

        private final int status;

        Rejection(int status, String reason) {
            super(reason, null, false, false);
            this.status = status;
        }
    }
}
