package dev.watchdog.slack;

import com.slack.api.Slack;
import com.slack.api.socket_mode.impl.SocketModeClientTyrusImpl;
import java.io.IOException;
import java.net.URISyntaxException;
import javax.websocket.ClientEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bolt's Tyrus Socket Mode client, with every frame it receives handed to {@link EnvelopeAnswers}.
 * The stock client silently drops frames that do not start with <code>{</code>, then parses each
 * frame before any listener sees it and drops (with an ERROR and a stack trace) whatever is not a
 * JSON object with a type, envelope ids included. Tyrus reads the
 * endpoint annotation from the class itself (it is not inherited), hence it is repeated here.
 */
@ClientEndpoint
public final class AnsweringSocketModeClient extends SocketModeClientTyrusImpl {

    private static final Logger log = LoggerFactory.getLogger(AnsweringSocketModeClient.class);
    private static final int NORMAL_CLOSURE = 1000;

    private final EnvelopeAnswers answers;
    private volatile boolean connectedBefore;

    public AnsweringSocketModeClient(Slack slack, String appToken, String url, EnvelopeAnswers answers)
            throws URISyntaxException {
        super(slack, appToken, url);
        this.answers = answers;
        addWebSocketCloseListener((code, reason) -> {
            if (code != null && code == NORMAL_CLOSURE) {
                log.info("disconnected from Slack (Socket Mode closed normally: {})", reason);
            } else {
                log.warn("disconnected from Slack (Socket Mode close {}: {})", code, reason);
            }
        });
    }

    /** Called at start, and again for each new connection (Slack's disconnect frame, a dropped session). */
    @Override
    public void connect() {
        super.connect();
        log.info("{} to Slack over Socket Mode", connectedBefore ? "reconnected" : "connected");
        connectedBefore = true;
    }

    /** Opens a client on a fresh Socket Mode URL, as {@code Slack.socketMode} does. */
    static AnsweringSocketModeClient open(Slack slack, String appToken, EnvelopeAnswers answers) throws IOException {
        try {
            return new AnsweringSocketModeClient(slack, appToken, slack.issueSocketModeUrl(appToken), answers);
        } catch (URISyntaxException badUrl) {
            throw new IOException("Slack handed out a Socket Mode URL that is not a URI: " + badUrl.getMessage(),
                    badUrl);
        }
    }

    @Override
    public void enqueueMessage(String message) {
        debugLogRequest(message);
        getMessageQueue().add(message);
    }

    @Override
    public void processMessage(String message) throws IOException {
        answers.onFrame(message, this);
    }
}
