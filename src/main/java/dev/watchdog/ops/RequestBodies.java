package dev.watchdog.ops;

import io.undertow.io.Receiver;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;

/**
 * Reads a request body without blocking, within a size and a time: a declared length over the
 * size is answered 413 before a byte is read, a body that grows past it (chunked) is answered 413
 * as soon as it does, and a body still incomplete after the time closes the connection.
 */
final class RequestBodies {

    private static final Logger log = LoggerFactory.getLogger(RequestBodies.class);
    private static final byte[] EMPTY = new byte[0];

    private RequestBodies() {
    }

    /** Calls {@code complete} with the whole body (empty when there is none) unless the request is refused. */
    static void read(HttpServerExchange http, int maxBytes, Duration timeout, Consumer<byte[]> complete) {
        if (!OpsServer.hasBody(http)) {
            complete.accept(EMPTY);
            return;
        }
        if (http.getRequestContentLength() > maxBytes) {
            tooLarge(http, maxBytes);
            return;
        }
        http.setMaxEntitySize(maxBytes);
        XnioExecutor.Key deadline = http.getIoThread().executeAfter(() -> {
            log.warn("closed the connection of {} {} from {}: its body did not arrive within {} s",
                    http.getRequestMethod(), http.getRequestPath(), http.getSourceAddress(), timeout.toSeconds());
            IoUtils.safeClose(http.getConnection());
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        Receiver receiver = http.getRequestReceiver();
        receiver.setMaxBufferSize(maxBytes);
        receiver.receiveFullBytes((exchange, body) -> {
            deadline.remove();
            if (body.length > maxBytes) {
                tooLarge(exchange, maxBytes); // the last chunk can carry it past the limit whole
            } else {
                complete.accept(body);
            }
        }, (exchange, failure) -> {
            deadline.remove();
            if (tooLarge(failure)) {
                tooLarge(exchange, maxBytes);
            } else {
                IoUtils.safeClose(exchange.getConnection());
                log.debug("the body of {} {} could not be read: {}", exchange.getRequestMethod(),
                        exchange.getRequestPath(), failure.toString(), failure);
            }
        });
    }

    /** The receiver's own limit, or the connection's, which it reports wrapped when it reads asynchronously. */
    private static boolean tooLarge(Throwable failure) {
        return failure instanceof Receiver.RequestToLargeException || failure instanceof RequestTooBigException
                || failure.getCause() instanceof RequestTooBigException;
    }

    /** Answers 413 and closes the connection after it: the rest of the body is never read. */
    private static void tooLarge(HttpServerExchange http, int maxBytes) {
        log.warn("refused {} {} from {} with 413: the body is larger than {} bytes", http.getRequestMethod(),
                http.getRequestPath(), http.getSourceAddress(), maxBytes);
        http.setPersistent(false);
        new OpsExchange(http).respondText(413, "body is larger than " + maxBytes + " bytes");
    }
}
