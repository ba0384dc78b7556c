package dev.watchdog.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Dockerfile's instructions as {@code docker build} reads them: continued lines joined, comments
 * dropped, grouped by stage. No Docker engine is needed to check what the image will be.
 */
final class Dockerfile {

    static final Path FILE = Path.of("Dockerfile");

    record Instruction(String keyword, String arguments) {
    }

    private final List<List<Instruction>> stages = new ArrayList<>();

    private Dockerfile() {
    }

    static Dockerfile read() throws IOException {
        Dockerfile dockerfile = new Dockerfile();
        StringBuilder pending = new StringBuilder();
        for (String line : Files.readAllLines(FILE)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && pending.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            dockerfile.add(pending.append(trimmed).toString());
            pending.setLength(0);
        }
        return dockerfile;
    }

    private void add(String line) {
        String[] parts = line.split("\\s+", 2);
        Instruction instruction = new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : "");
        if (instruction.keyword().equals("FROM")) {
            stages.add(new ArrayList<>());
        }
        stages.get(stages.size() - 1).add(instruction);
    }

    List<List<Instruction>> stages() {
        return stages;
    }

    /** The stage the image is made of. */
    List<Instruction> image() {
        return stages.get(stages.size() - 1);
    }

    static List<String> all(List<Instruction> stage, String keyword) {
        return stage.stream().filter(instruction -> instruction.keyword().equals(keyword))
                .map(Instruction::arguments).toList();
    }

    /** The last instruction of this kind in the image stage (the one that counts). */
    Optional<String> last(String keyword) {
        List<String> found = all(image(), keyword);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
    }

    /** The image's environment: every ENV of the image stage, later ones winning. */
    Map<String, String> env() {
        return pairs(image(), "ENV");
    }

    Map<String, String> labels() {
        return pairs(image(), "LABEL");
    }

    /** ARG name[=default] of a stage; an ARG without a default maps to "". */
    static Map<String, String> args(List<Instruction> stage) {
        return pairs(stage, "ARG");
    }

    private static Map<String, String> pairs(List<Instruction> stage, String keyword) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String arguments : all(stage, keyword)) {
            for (String word : words(arguments)) {
                int equals = word.indexOf('=');
                pairs.put(equals < 0 ? word : word.substring(0, equals), equals < 0 ? "" : word.substring(equals + 1));
            }
        }
        return pairs;
    }

    /** Splits on blanks outside double quotes and drops the quotes: {@code A="x y" B=z} is two words. */
    static List<String> words(String arguments) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < arguments.length(); i++) {
            char c = arguments.charAt(i);
            if (c == '\\' && quoted && i + 1 < arguments.length()) {
                word.append(arguments.charAt(++i));
            } else if (c == '"') {
                quoted = !quoted;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (!word.isEmpty()) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
            }
        }
        if (!word.isEmpty()) {
            words.add(word.toString());
        }
        return words;
    }
}
