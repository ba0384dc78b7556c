package dev.watchdog.approval;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Proposal ids: {@code P-} and six base32 characters (about a billion values). Random, so an id
 * cannot be guessed from another; short, so a person can type it in {@code /watchdog reject}.
 */
final class ProposalIds {

    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    static final Pattern FORMAT = Pattern.compile("P-[A-Z2-7]{6}");

    private final SecureRandom random = new SecureRandom();

    String next() {
        char[] id = new char[6];
        for (int i = 0; i < id.length; i++) {
            id[i] = BASE32[random.nextInt(BASE32.length)];
        }
        return "P-" + new String(id);
    }

    static boolean wellFormed(String id) {
        return id != null && FORMAT.matcher(id).matches();
    }
}
