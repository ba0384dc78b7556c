package dev.watchdog.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * Plays Slack's Socket Mode server on a free loopback port: greets each client with {@code hello}, sends
 * envelopes built by {@link SlackEnvelopes}, and records every ack the client sends back.
 *
 * <p>Envelopes go to the newest open connection, as a client that has just reconnected expects. Acks are
 * accepted from any connection: during a reconnect Bolt may still answer on the old one.
 */
public final class FakeSocketModeServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final Server server;
    private final String responseUrlBase;
    private final List<WebSocket> connections = new CopyOnWriteArrayList<>();
    private final List<String> sentEnvelopes = new CopyOnWriteArrayList<>();
    private final List<Ack> acks = new CopyOnWriteArrayList<>();
    private final List<String> otherFrames = new CopyOnWriteArrayList<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    /** {@link System#nanoTime()} just before each envelope was handed to the socket, by envelope id. */
    private final Map<String, Long> sentAtNanos = new ConcurrentHashMap<>();
    /** {@link System#nanoTime()} as each envelope's first ack frame arrived, by envelope id. */
    private final Map<String, Long> ackedAtNanos = new ConcurrentHashMap<>();
    private volatile WebSocket disconnected;

    private FakeSocketModeServer(String responseUrlBase) {
        this.responseUrlBase = responseUrlBase;
        this.server = new Server(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    /**
     * Starts the server and returns once it listens.
     *
     * @param responseUrlBase prefix of the {@code response_url} in slash commands and clicks; the envelope id is
     *                        appended, so a test finds the posts for one envelope (see {@link FakeSlackApi#responseUrlBase()})
     */
    public static FakeSocketModeServer start(String responseUrlBase) {
        FakeSocketModeServer fake = new FakeSocketModeServer(responseUrlBase);
        fake.server.startAndAwait();
        return fake;
    }

    /** The URL {@code apps.connections.open} hands to the client. */
    public String url() {
        return "ws://127.0.0.1:" + server.getPort() + "/";
    }

    // ---- connections -------------------------------------------------------------------------------------

    /** Returns once a client holds an open connection. */
    public void awaitConnected(Duration timeout) {
        Await.until(timeout, () -> newestOpenConnection().isPresent(),
                () -> "no Socket Mode client connected to " + url() + ". " + summary());
    }

    /**
     * After {@link #sendDisconnect()}: returns once the client has opened a new connection and closed the one
     * that was told to go, i.e. it has fully moved over.
     */
    public void awaitReconnected(Duration timeout) {
        WebSocket old = disconnected;
        if (old == null) {
            throw new IllegalStateException("awaitReconnected() needs a sendDisconnect() first");
        }
        Await.until(timeout,
                () -> old.isClosed() && newestOpenConnection().filter(newest -> newest != old).isPresent(),
                () -> "client did not move to a new connection after the disconnect frame "
                        + "(old connection closed: " + old.isClosed() + "). " + summary());
    }

    /** How many connections are open now: one per connected client. */
    public long openConnections() {
        return connections.stream().filter(WebSocket::isOpen).count();
    }

    /** How many connections clients have opened so far, closed ones included. */
    public int connectionsOpened() {
        return connections.size();
    }

    // ---- envelopes -----------------------------------------------------------------------------------------

    /** Sends a {@code slash_commands} envelope; returns its envelope id. */
    public String sendSlashCommand(SlashCommand command) {
        String envelopeId = newEnvelopeId();
        return sendEnvelope(SlackEnvelopes.slashCommand(envelopeId, command, responseUrlBase + envelopeId));
    }

    /** Sends an {@code interactive} envelope with a {@code block_actions} payload; returns its envelope id. */
    public String sendBlockActions(BlockAction click) {
        String envelopeId = newEnvelopeId();
        return sendEnvelope(SlackEnvelopes.blockActions(envelopeId, click, responseUrlBase + envelopeId));
    }

    /** Sends an {@code events_api} envelope wrapping {@code event} in an {@code event_callback}; returns its envelope id. */
    public String sendEvent(SlackEvent event) {
        return sendEnvelope(SlackEnvelopes.eventsApi(newEnvelopeId(), event));
    }

    /** Sends a modal's Submit; the ack carries Watchdog's answer ({@code response_action: errors}, or nothing). */
    public String sendViewSubmission(ViewSubmission submit) {
        return sendEnvelope(SlackEnvelopes.viewSubmission(newEnvelopeId(), submit));
    }

    /**
     * Sends any envelope, e.g. one from {@link SlackEnvelopes} that a test bent out of shape on purpose;
     * returns its envelope id.
     */
    public String sendEnvelope(ObjectNode envelope) {
        return sendEnvelope(envelope, requireConnection());
    }

    /**
     * Sends a {@code block_actions} envelope to the oldest open connection: with two clients
     * connected (two replicas), the other one than {@link #sendBlockActions} reaches.
     */
    public String sendBlockActionsToOldest(BlockAction click) {
        String envelopeId = newEnvelopeId();
        WebSocket oldest = connections.stream().filter(WebSocket::isOpen).findFirst()
                .orElseThrow(() -> new IllegalStateException("no open Socket Mode connection. " + summary()));
        return sendEnvelope(SlackEnvelopes.blockActions(envelopeId, click, responseUrlBase + envelopeId), oldest);
    }

    private String sendEnvelope(ObjectNode envelope, WebSocket target) {
        String envelopeId = envelope.path("envelope_id").asText();
        String json = JsonFixtures.requireFilledIn(envelope, "envelope " + envelopeId);
        sentEnvelopes.add(envelopeId + " (" + SlackEnvelopes.describe(envelope) + ")");
        sentAtNanos.put(envelopeId, System.nanoTime());
        target.send(json);
        return envelopeId;
    }

    /**
     * Sends {@code text} exactly as given, broken JSON included; {@code envelopeId} is what the frame claims to
     * be (for {@link #awaitAck} and failure messages), and may be one no ack can name.
     */
    public String sendRaw(String envelopeId, String text) {
        WebSocket target = requireConnection();
        sentEnvelopes.add(envelopeId + " (raw: " + (text.length() > 80 ? text.substring(0, 80) + "…" : text) + ")");
        sentAtNanos.put(envelopeId, System.nanoTime());
        target.send(text);
        return envelopeId;
    }

    /** Sends Slack's {@code disconnect} frame (as before a server refresh) to the newest connection. */
    public void sendDisconnect() {
        WebSocket target = requireConnection();
        disconnected = target;
        sentEnvelopes.add("disconnect");
        target.send(JsonFixtures.write(SlackEnvelopes.disconnect()));
    }

    // ---- acks ----------------------------------------------------------------------------------------------

    /** Waits for the client's ack of {@code envelopeId}; fails listing everything that did arrive. */
    public Ack awaitAck(String envelopeId, Duration timeout) {
        return Await.value(timeout, () -> ackFor(envelopeId),
                () -> "no ack for envelope " + envelopeId + ". " + summary());
    }

    /** The ack for {@code envelopeId}, if it has arrived. */
    public Optional<Ack> ackFor(String envelopeId) {
        return acks.stream().filter(ack -> envelopeId.equals(ack.envelopeId())).findFirst();
    }

    public List<Ack> acks() {
        return List.copyOf(acks);
    }

    /**
     * Envelope-to-ack time of {@code envelopeId}: from just before the envelope was handed to the socket (after it
     * was serialized) to the moment its ack frame arrived (before it was parsed). Empty until the ack arrives.
     * For benchmarks; tests assert what was acked, never how fast.
     */
    public Optional<Duration> ackLatency(String envelopeId) {
        Long sent = sentAtNanos.get(envelopeId);
        Long acked = ackedAtNanos.get(envelopeId);
        return sent == null || acked == null ? Optional.empty() : Optional.of(Duration.ofNanos(acked - sent));
    }

    @Override
    public void close() {
        try {
            server.stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String newEnvelopeId() {
        return UUID.randomUUID().toString();
    }

    // ---- connection bookkeeping ---------------------------------------------------------------------------

    private WebSocket requireConnection() {
        return newestOpenConnection().orElseThrow(() -> new IllegalStateException(
                "no open Socket Mode connection to send to; call awaitConnected() first. " + summary()));
    }

    private Optional<WebSocket> newestOpenConnection() {
        List<WebSocket> newestFirst = new ArrayList<>(connections);
        Collections.reverse(newestFirst);
        return newestFirst.stream().filter(WebSocket::isOpen).findFirst();
    }

    private String summary() {
        long open = connections.stream().filter(WebSocket::isOpen).count();
        return "Connections opened: " + connections.size() + " (open now: " + open + ")"
                + "; envelopes sent: " + sentEnvelopes
                + "; acks received: " + acks
                + (otherFrames.isEmpty() ? "" : "; other frames: " + otherFrames)
                + (errors.isEmpty() ? "" : "; errors: " + errors);
    }

    private void recordFrame(String message, long receivedAtNanos) {
        JsonNode frame;
        try {
            frame = JsonFixtures.parseText(message);
        } catch (IllegalArgumentException notJson) {
            otherFrames.add(message);
            return;
        }
        JsonNode envelopeId = frame.get("envelope_id");
        if (envelopeId == null || !envelopeId.isTextual()) {
            otherFrames.add(message);
            return;
        }
        JsonNode payload = frame.has("payload") ? frame.get("payload") : MissingNode.getInstance();
        ackedAtNanos.putIfAbsent(envelopeId.asText(), receivedAtNanos);
        acks.add(new Ack(envelopeId.asText(), payload, message));
    }

    /** The Java-WebSocket server; kept private so tests only see Slack-shaped operations. */
    private final class Server extends WebSocketServer {

        private final CountDownLatch started = new CountDownLatch(1);
        private final AtomicReference<Exception> startFailure = new AtomicReference<>();

        Server(InetSocketAddress address) {
            super(address);
            setReuseAddr(true);
            setDaemon(true);
        }

        void startAndAwait() {
            start();
            try {
                if (!started.await(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("fake Socket Mode server did not start within " + START_TIMEOUT);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the fake Socket Mode server", e);
            }
            if (startFailure.get() != null) {
                throw new IllegalStateException("fake Socket Mode server failed to start", startFailure.get());
            }
        }

        @Override
        public void onStart() {
            started.countDown();
        }

        @Override
        public void onOpen(WebSocket connection, ClientHandshake handshake) {
            connections.add(connection);
            int open = (int) connections.stream().filter(WebSocket::isOpen).count();
            connection.send(JsonFixtures.write(SlackEnvelopes.hello(open)));
        }

        @Override
        public void onMessage(WebSocket connection, String message) {
            recordFrame(message, System.nanoTime());
        }

        @Override
        public void onClose(WebSocket connection, int code, String reason, boolean remote) {
            // Nothing to do: isOpen() on the recorded connection reflects the close.
        }

        @Override
        public void onError(WebSocket connection, Exception e) {
            if (connection == null) {
                // Only server-level failures (e.g. bind) arrive without a connection; they end start-up.
                startFailure.set(e);
                started.countDown();
            } else {
                errors.add(e.toString());
            }
        }
    }
}
