package dev.multipool.host.config;

import dev.multipool.api.OptionSpec;
import dev.multipool.api.OptionType;
import java.util.List;

/** Renders {@code --help}: the host's flags, then each consumer's options under its id. */
final class HelpText {

    private HelpText() {
    }

    static String render(HostEnvironment env, List<ConsumerDeclaration> consumers) {
        StringBuilder out = new StringBuilder();
        out.append("Usage: multipool-host [--flag VALUE | --flag=VALUE]...\n\n");
        out.append("Host flags:\n");
        for (HostFlag flag : HostFlag.values()) {
            String defaultText = flag == HostFlag.K8S_NODE_NAME
                    ? flag.defaultText(env) + "; here \"" + HostOptions.defaultNodeName(env) + "\""
                    : flag.defaultText(env);
            option(out, flag.flagName(), flag.placeholder().orElse(""), flag.help(), defaultText);
        }
        if (consumers.isEmpty()) {
            out.append("\nNo consumer plugins are loaded.\n");
        }
        for (ConsumerDeclaration consumer : consumers) {
            out.append("\nConsumer \"").append(consumer.id()).append('"');
            if (!consumer.description().isBlank() && !consumer.description().equals(consumer.id())) {
                out.append(": ").append(consumer.description());
            }
            out.append('\n');
            if (consumer.options().isEmpty()) {
                out.append("  (no options)\n");
            }
            for (OptionSpec spec : consumer.options()) {
                option(out, spec.name(), placeholder(spec.type()), spec.help(), defaultText(spec));
            }
        }
        out.append("\nBoolean flags take --flag, --flag=true or --flag=false. Every option can also be set in the\n"
                + "--config file as \"name: value\"; the command line wins.\n");
        return out.toString();
    }

    private static void option(StringBuilder out, String name, String placeholder, String help, String defaultText) {
        out.append("  --").append(name);
        if (!placeholder.isEmpty()) {
            out.append(' ').append(placeholder);
        }
        out.append("\n        ").append(help).append(" (default: ").append(defaultText).append(")\n");
    }

    private static String placeholder(OptionType type) {
        switch (type) {
            case BOOLEAN:
                return "";
            case INTEGER:
                return "N";
            case DURATION:
                return "DURATION";
            case POOL_COUNTS:
                return "POOL=N[,POOL=N]";
            case STRING_MAP:
                return "KEY=VALUE[,KEY=VALUE]";
            case NAME:
                return "NAME";
            default:
                return "VALUE";
        }
    }

    private static String defaultText(OptionSpec spec) {
        if (spec.defaultValue().isEmpty()) {
            return spec.type() == OptionType.BOOLEAN ? "false" : "unset";
        }
        String value = spec.defaultValue().get();
        return value.isEmpty() ? "empty" : value;
    }
}
