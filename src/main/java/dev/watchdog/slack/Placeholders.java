package dev.watchdog.slack;

import dev.watchdog.db.Database;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "Looking into it…" messages standing in for work in progress, kept in the store while the work runs. A crash
 * ends the work but not the message; whoever leads then finishes every placeholder left by a replica that is gone, so
 * nobody waits on a message that will never change. The row is written before the post and the post carries its key
 * as metadata: a post whose answer the crash cut off is found in its thread all the same.
 */
public final class Placeholders {

    /** What a placeholder stands for, and what it says when its work was cut short. */
    public enum Purpose {
        INVESTIGATION(":warning: Interrupted by a restart: this investigation did not finish. Press *Investigate*"
                + " on the alert (or mention me here) to run it again."),
        ANSWER(":warning: Interrupted by a restart before I could answer: ask again.");

        private final String interrupted;

        Purpose(String interrupted) {
            this.interrupted = interrupted;
        }

        public String interrupted() {
            return interrupted;
        }
    }

    private record Open(MessageTag tag, String channel, String threadTs, String ts, Purpose purpose,
            String postedBy) {
    }

    private static final Logger log = LoggerFactory.getLogger(Placeholders.class);

    private final Database database;
    private final String replica;
    private final Clock clock;

    /** @param replica this process's id among the replicas sharing the store */
    public Placeholders(Database database, String replica, Clock clock) {
        this.database = database;
        this.replica = replica;
        this.clock = clock;
    }

    /** Work is about to post its placeholder in the thread: post it with the returned tag, then {@link #posted}. */
    public MessageTag opening(String channel, String threadTs, Purpose purpose) {
        MessageTag tag = MessageTag.placeholder(UUID.randomUUID().toString());
        database.update("note a placeholder in " + threadTs, "INSERT INTO slack_placeholders (placeholder_key,"
                + " channel, thread_ts, purpose, posted_by, posted_at) VALUES (?, ?, ?, ?, ?, ?)", tag.id(), channel,
                threadTs, purpose.name(), replica, clock.instant());
        return tag;
    }

    /** Where the placeholder landed. */
    public void posted(MessageTag tag, PostedMessage message) {
        database.update("note where placeholder " + tag.id() + " landed", "UPDATE slack_placeholders"
                + " SET channel = ?, ts = ? WHERE placeholder_key = ?", message.channel(), message.ts(), tag.id());
    }

    /** The placeholder now shows its work's outcome (or was never posted). */
    public void done(MessageTag tag) {
        database.update("forget placeholder " + tag.id(), "DELETE FROM slack_placeholders WHERE placeholder_key = ?",
                tag.id());
    }

    /**
     * Finishes every placeholder whose replica is not among {@code live} (this one always counts as live): its work
     * died with it. One whose post never reached Slack becomes a note in the thread, so the person still hears.
     * Returns how many were finished; one Slack refuses for good (deleted) is forgotten too.
     */
    public int finishInterrupted(Set<String> live, SlackPoster slack) {
        List<Open> open = database.query("read placeholders", "SELECT placeholder_key, channel, thread_ts, ts,"
                + " purpose, posted_by FROM slack_placeholders ORDER BY posted_at, placeholder_key", row -> new Open(
                        MessageTag.placeholder(row.getString("placeholder_key")), row.getString("channel"),
                        row.getString("thread_ts"), row.getString("ts"), Purpose.valueOf(row.getString("purpose")),
                        row.getString("posted_by")));
        int finished = 0;
        for (Open placeholder : open) {
            if (placeholder.postedBy().equals(replica) || live.contains(placeholder.postedBy())) {
                continue;
            }
            try {
                finish(placeholder, slack);
                finished++;
            } catch (SlackCallFailed refused) {
                log.warn("placeholder {} in {} cannot be finished: {}", placeholder.tag().id(), placeholder.channel(),
                        refused.getMessage(), refused);
            }
            done(placeholder.tag());
        }
        if (finished > 0) {
            log.info("finished {} placeholder(s) whose work a restart interrupted", finished);
        }
        return finished;
    }

    private static void finish(Open placeholder, SlackPoster slack) {
        SlackMessage interrupted = SlackMessage.text(placeholder.purpose().interrupted());
        Optional<PostedMessage> message = placeholder.ts() != null
                ? Optional.of(new PostedMessage(placeholder.channel(), placeholder.ts()))
                : slack.findTaggedReply(placeholder.channel(), placeholder.threadTs(), placeholder.tag());
        if (message.isPresent()) {
            slack.update(message.get(), interrupted);
        } else {
            slack.post(placeholder.channel(), placeholder.threadTs(), interrupted);
        }
    }
}
