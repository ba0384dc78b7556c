package dev.watchdog.slack;

import dev.watchdog.db.Database;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "Looking into it…" messages standing in for work in progress, kept in the store while the work runs. A crash
 * ends the work but not the message; whoever leads then finishes every placeholder left by a replica that is gone,
 * so nobody waits on a message that will never change.
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

    private record Open(PostedMessage message, Purpose purpose, String postedBy) {
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

    /** The placeholder is in Slack and its work runs here; it is finished by {@link #done} or after a crash. */
    public void opened(PostedMessage message, Purpose purpose) {
        database.update("note placeholder " + message.ts(), "INSERT INTO slack_placeholders (channel, ts, purpose,"
                + " posted_by, posted_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (channel, ts) DO NOTHING",
                message.channel(), message.ts(), purpose.name(), replica, clock.instant());
    }

    /** The placeholder now shows its work's outcome. */
    public void done(PostedMessage message) {
        database.update("forget placeholder " + message.ts(), "DELETE FROM slack_placeholders WHERE channel = ?"
                + " AND ts = ?", message.channel(), message.ts());
    }

    /**
     * Finishes every placeholder whose replica is not among {@code live} (this one always counts as live): its work
     * died with it. Returns how many were finished; one Slack refuses for good (deleted) is forgotten too.
     */
    public int finishInterrupted(Set<String> live, SlackPoster slack) {
        List<Open> open = database.query("read placeholders", "SELECT channel, ts, purpose, posted_by"
                + " FROM slack_placeholders ORDER BY posted_at, ts", row -> new Open(
                        new PostedMessage(row.getString("channel"), row.getString("ts")),
                        Purpose.valueOf(row.getString("purpose")), row.getString("posted_by")));
        int finished = 0;
        for (Open placeholder : open) {
            if (placeholder.postedBy().equals(replica) || live.contains(placeholder.postedBy())) {
                continue;
            }
            try {
                slack.update(placeholder.message(), SlackMessage.text(placeholder.purpose().interrupted()));
                finished++;
            } catch (SlackCallFailed refused) {
                log.warn("placeholder {} in {} cannot be finished: {}", placeholder.message().ts(),
                        placeholder.message().channel(), refused.getMessage(), refused);
            }
            done(placeholder.message());
        }
        if (finished > 0) {
            log.info("finished {} placeholder(s) whose work a restart interrupted", finished);
        }
        return finished;
    }
}
