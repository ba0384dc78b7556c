package dev.watchdog.alerting;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An {@link AlertStore} that records the writes of alert states ({@code syncAll}, {@code syncAlerts}) and passes
 * every call on to a real store; {@link #failWrites} makes those writes fail instead, as an unreachable database.
 */
final class RecordingAlertStore {

    private final List<List<AlertStore.RuleAlerts>> writes = new CopyOnWriteArrayList<>();
    private final AlertStore store;
    private volatile RuntimeException failure;

    RecordingAlertStore(AlertStore real) {
        this.store = (AlertStore) Proxy.newProxyInstance(AlertStore.class.getClassLoader(),
                new Class<?>[] {AlertStore.class}, (proxy, method, args) -> {
                    boolean write = method.getName().equals("syncAll") || method.getName().equals("syncAlerts");
                    if (write && failure != null) {
                        throw failure;
                    }
                    if (method.getName().equals("syncAll")) {
                        @SuppressWarnings("unchecked")
                        List<AlertStore.RuleAlerts> batch = (List<AlertStore.RuleAlerts>) args[0];
                        writes.add(List.copyOf(batch));
                    } else if (method.getName().equals("syncAlerts")) {
                        throw new AssertionError("the tracker writes through syncAll");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException thrown) {
                        throw thrown.getCause();
                    }
                });
    }

    AlertStore store() {
        return store;
    }

    /** Every {@code syncAll} call so far, each with its rules' changed alerts. */
    List<List<AlertStore.RuleAlerts>> writes() {
        return List.copyOf(writes);
    }

    void failWrites(RuntimeException failure) {
        this.failure = failure;
    }
}
