package dev.watchdog.gotemplate;

/** {@code stripPort} and {@code stripDomain}, following Go's {@code net.SplitHostPort} and {@code net.ParseIP}. */
final class HostPort {

    private HostPort() {
    }

    static String stripPort(String hostPort) {
        String[] split = split(hostPort);
        return split == null ? hostPort : split[0];
    }

    static String stripDomain(String hostPort) {
        String[] split = split(hostPort);
        String host = split == null ? hostPort : split[0];
        String port = split == null ? "" : split[1];
        if (isIp(host)) {
            return hostPort;
        }
        int dot = host.indexOf('.');
        if (dot >= 0) {
            host = host.substring(0, dot);
        }
        if (!port.isEmpty()) {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
        return host;
    }

    /** {@code net.SplitHostPort}: {host, port}, or null where Go returns an error. */
    static String[] split(String hostPort) {
        int i = hostPort.lastIndexOf(':');
        if (i < 0) {
            return null;
        }
        String host;
        int j = 0;
        int k = 0;
        if (hostPort.startsWith("[")) {
            int end = hostPort.indexOf(']');
            if (end < 0) {
                return null;
            }
            if (end + 1 == hostPort.length() || end + 1 != i) {
                return null;
            }
            host = hostPort.substring(1, end);
            j = 1;
            k = end + 1;
        } else {
            host = hostPort.substring(0, i);
            if (host.indexOf(':') >= 0) {
                return null;
            }
        }
        if (hostPort.indexOf('[', j) >= 0 || hostPort.indexOf(']', k) >= 0) {
            return null;
        }
        return new String[] {host, hostPort.substring(i + 1)};
    }

    /** {@code net.ParseIP(s) != nil}: dotted IPv4 without leading zeros, or IPv6 (optionally ending in IPv4). */
    static boolean isIp(String s) {
        return isIpv4(s) || isIpv6(s);
    }

    private static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return false;
            }
            if (part.length() > 1 && part.charAt(0) == '0') {
                return false;
            }
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIpv6(String s) {
        if (s.indexOf(':') < 0) {
            return false;
        }
        int ellipsis = s.indexOf("::");
        if (ellipsis >= 0 && s.indexOf("::", ellipsis + 1) >= 0) {
            return false;
        }
        int groups = 0;
        String[] halves = ellipsis >= 0
                ? new String[] {s.substring(0, ellipsis), s.substring(ellipsis + 2)}
                : new String[] {s};
        for (int h = 0; h < halves.length; h++) {
            if (halves[h].isEmpty()) {
                continue;
            }
            String[] parts = halves[h].split(":", -1);
            for (int p = 0; p < parts.length; p++) {
                String part = parts[p];
                boolean last = h == halves.length - 1 && p == parts.length - 1;
                if (last && part.indexOf('.') >= 0) {
                    if (!isIpv4(part)) {
                        return false;
                    }
                    groups += 2;
                    continue;
                }
                if (part.isEmpty() || part.length() > 4
                        || !part.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                    return false;
                }
                groups++;
            }
        }
        return ellipsis >= 0 ? groups < 8 : groups == 8;
    }
}
