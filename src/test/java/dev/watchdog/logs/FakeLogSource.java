package dev.watchdog.logs;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A log source answering from a function, recording the queries it was asked. */
final class FakeLogSource implements LogSource {

    private final String name;
    private final Function<LogQuery, LogSearchResult> answer;
    final List<LogQuery> queries = new CopyOnWriteArrayList<>();
    private List<String> credentialProblems = List.of();

    FakeLogSource(String name, Function<LogQuery, LogSearchResult> answer) {
        this.name = name;
        this.answer = answer;
    }

    FakeLogSource withCredentialProblems(List<String> problems) {
        this.credentialProblems = problems;
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String describe() {
        return name + " (fake)";
    }

    @Override
    public LogSearchResult search(LogQuery query) {
        queries.add(query);
        return answer.apply(query);
    }

    @Override
    public List<String> checkCredentials() {
        return credentialProblems;
    }
}
