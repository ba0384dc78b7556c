package dev.watchdog.ops;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;

/**
 * An exception as a few lines: class and message, the top frames, and the same for each cause.
 * A JSON log line is read in a log viewer, where a 200-frame trace buries the one line that
 * matters; the top frames and the cause chain are what an on-call engineer looks at first.
 */
final class CompactStackTrace {

    static final int FRAMES_PER_THROWABLE = 8;
    static final int MAX_CAUSES = 5;

    private CompactStackTrace() {
    }

    static String of(IThrowableProxy throwable) {
        StringBuilder out = new StringBuilder(512);
        appendThrowable(out, throwable);
        IThrowableProxy cause = throwable.getCause();
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++) {
            out.append("\nCaused by: ");
            appendThrowable(out, cause);
            cause = cause.getCause();
        }
        if (cause != null) {
            out.append("\n... more causes omitted");
        }
        return out.toString();
    }

    private static void appendThrowable(StringBuilder out, IThrowableProxy throwable) {
        out.append(throwable.getClassName());
        if (throwable.getMessage() != null) {
            out.append(": ").append(throwable.getMessage());
        }
        StackTraceElementProxy[] frames = throwable.getStackTraceElementProxyArray();
        // A cause's trailing frames repeat its parent's; logback counts them as common frames.
        int ownFrames = Math.max(0, frames.length - throwable.getCommonFrames());
        int shown = Math.min(ownFrames, FRAMES_PER_THROWABLE);
        for (int i = 0; i < shown; i++) {
            out.append("\n\t").append(frames[i].getSTEAsString());
        }
        int hidden = frames.length - shown;
        if (hidden > 0) {
            out.append("\n\t... ").append(hidden).append(" more");
        }
    }
}
