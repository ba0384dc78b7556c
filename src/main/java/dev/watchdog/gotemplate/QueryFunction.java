package dev.watchdog.gotemplate;

import java.util.List;

/** Runs a PromQL instant query for the {@code query} template function. */
@FunctionalInterface
public interface QueryFunction {

    List<QueryResultSample> query(String promql) throws Exception;
}
