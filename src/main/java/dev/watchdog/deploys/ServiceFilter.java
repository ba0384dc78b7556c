package dev.watchdog.deploys;

/** Which service a lookup asks for: null or blank means every service; names match ignoring case. */
final class ServiceFilter {

    private ServiceFilter() {
    }

    static boolean matches(String wanted, String service) {
        return wanted == null || wanted.isBlank() || service.equalsIgnoreCase(wanted.strip());
    }
}
