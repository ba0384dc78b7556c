package dev.watchdog.bench;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Interceptor;
import okhttp3.Response;

/** Counts the HTTP requests sent through the client it is added to. */
final class RequestCounter implements Interceptor {

    private final AtomicLong requests = new AtomicLong();

    @Override
    public Response intercept(Chain chain) throws IOException {
        requests.incrementAndGet();
        return chain.proceed(chain.request());
    }

    long count() {
        return requests.get();
    }
}
