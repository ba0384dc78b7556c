package dev.watchdog.agent;

/**
 * The on-call analyst as the Slack side sees it. Implementations never throw: a model that is
 * slow, down, rate limited or talking nonsense comes back as a result whose {@code failure} says
 * so, because the alert itself must never wait for or depend on the model.
 */
public interface Investigator {

    /**
     * A structured analysis of a firing alert, for the alert's thread.
     *
     * @param threadKey {@code channel:thread-ts} (see {@link ThreadKey}): the conversation this analysis starts
     */
    AnalysisResult analyze(AlertContext alert, String threadKey);

    /**
     * The answer to a question asked in a thread.
     *
     * @param alertOrNull the alert the thread belongs to, if it is an alert's thread
     * @param askedBy     the Slack user id of whoever asked
     */
    AnswerResult answer(String threadKey, String question, AlertContext alertOrNull, String askedBy);
}
