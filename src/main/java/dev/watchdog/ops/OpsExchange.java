package dev.watchdog.ops;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One request to the {@link OpsServer} and its answer: the request line, headers and the body the
 * server has already read, and a way to send one complete answer from any thread.
 */
public final class OpsExchange {

    private static final byte[] NO_BODY = new byte[0];

    private final HttpServerExchange exchange;
    private final byte[] body;

    OpsExchange(HttpServerExchange exchange, byte[] body) {
        this.exchange = exchange;
        this.body = body;
    }

    OpsExchange(HttpServerExchange exchange) {
        this(exchange, NO_BODY);
    }

    OpsExchange withBody(byte[] read) {
        return new OpsExchange(exchange, read);
    }

    public String method() {
        return exchange.getRequestMethod().toString();
    }

    public String path() {
        return exchange.getRequestPath();
    }

    /** The query string without its {@code ?}, empty when there is none. */
    public String query() {
        return exchange.getQueryString();
    }

    /** The first value of a request header, or null. */
    public String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /** Every value of a request header, in order; empty when it was not sent. */
    public List<String> headers(String name) {
        var values = exchange.getRequestHeaders().get(name);
        return values == null ? List.of() : List.copyOf(values);
    }

    public InetSocketAddress remoteAddress() {
        return exchange.getSourceAddress();
    }

    /** The whole request body, at most the route's {@link OpsHandler#maxBodyBytes()}. */
    public byte[] body() {
        return body.clone();
    }

    /** Sets a header of the answer; call before {@link #respond}. */
    public void responseHeader(String name, String value) {
        exchange.getResponseHeaders().put(HttpString.tryFromString(name), value);
    }

    /** Sends the complete answer without blocking; the exchange ends when it is out. */
    public void respond(int status, String contentType, byte[] content) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(io.undertow.util.Headers.CONTENT_TYPE, contentType);
        exchange.getResponseSender().send(ByteBuffer.wrap(content));
    }

    public void respondText(int status, String text) {
        respond(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    boolean answered() {
        return exchange.isResponseStarted();
    }
}
