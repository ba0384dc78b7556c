package dev.watchdog.deploys;

import dev.watchdog.http.HttpFailure;

/**
 * A deployment source that could not answer. The message starts with the source's name, says which
 * URL or file was read and what went wrong; it never contains a credential, so it can go to the
 * model, to Slack and to the log as it is.
 */
public class DeploymentSourceException extends HttpFailure {

    public DeploymentSourceException(String message, int status) {
        super(message, status);
    }

    public DeploymentSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
