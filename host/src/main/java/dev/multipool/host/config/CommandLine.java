package dev.multipool.host.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits the command line into options. Every argument is a flag ({@code --name},
 * {@code --name=value}) or the value of the flag before it, so splitting needs no knowledge of the
 * flags: an argument that does not start with {@code --} after a {@code --name} is its value, and a
 * value that starts with {@code --} must be given as {@code --name=value}.
 */
final class CommandLine {

    private CommandLine() {
    }

    /**
     * Splits the arguments.
     *
     * @param args the command line
     * @return the options in order
     * @throws UsageException for an argument that is neither a flag nor a flag's value
     */
    static List<GivenValue> split(List<String> args) {
        List<GivenValue> given = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("-h")) {
                given.add(new GivenValue("help", Optional.empty(), false, Optional.empty()));
                continue;
            }
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("unexpected argument \"" + arg + "\": options are given as --name VALUE or --name=VALUE");
            }
            String body = arg.substring(2);
            int eq = body.indexOf('=');
            if (eq == 0) {
                throw new UsageException("unexpected argument \"" + arg + "\": the flag has no name");
            }
            if (eq > 0) {
                given.add(new GivenValue(body.substring(0, eq), Optional.of(body.substring(eq + 1)), false, Optional.empty()));
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                given.add(new GivenValue(body, Optional.of(args.get(++i)), true, Optional.empty()));
            } else {
                given.add(new GivenValue(body, Optional.empty(), false, Optional.empty()));
            }
        }
        return given;
    }
}
