package org.lifecycle.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code --name value} options and {@code --flag} switches, checked against what a command accepts. */
public record CommandLine(Map<String, String> values, Set<String> flags) {

    public static CommandLine parse(List<String> args, Set<String> valued, Set<String> switches) {
        Map<String, String> values = new HashMap<>();
        Set<String> flags = new HashSet<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String inline = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                inline = arg.substring(eq + 1);
            }
            if (valued.contains(name)) {
                if (inline == null) {
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException(name + " needs a value");
                    }
                    inline = args.get(++i);
                }
                values.put(name, inline);
            } else if (switches.contains(name) && inline == null) {
                flags.add(name);
            } else {
                throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        return new CommandLine(values, flags);
    }

    public Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public String value(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public int intValue(String name, int fallback) {
        return value(name).map(Integer::parseInt).orElse(fallback);
    }

    public long longValue(String name, long fallback) {
        return value(name).map(Long::parseLong).orElse(fallback);
    }

    /**
     * A path of the local stack ({@code .lifecycle/admin-token}, ...) under the repository root the wrapper scripts
     * pass in {@code LIFECYCLE_REPO}, or under the working directory.
     */
    public static Path repoPath(String relative) {
        String repo = System.getenv("LIFECYCLE_REPO");
        return repo != null && !repo.isBlank() ? Path.of(repo).resolve(relative) : Path.of(relative);
    }

    public boolean flag(String name) {
        return flags.contains(name);
    }
}
