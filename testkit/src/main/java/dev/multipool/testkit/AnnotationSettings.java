package dev.multipool.testkit;

import dev.multipool.host.config.Durations;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a {@link MultipoolHostTest} into {@link HostSettings}, and the text helpers both forms share. */
final class AnnotationSettings {

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");
    private static final String CLASSPATH = "classpath:";
    private static final String DEFAULT_POOLS = "dev/multipool/testkit/default-pools.yaml";

    private AnnotationSettings() {
    }

    static HostSettings read(MultipoolHostTest annotation) {
        MultipoolHostBuilder builder = MultipoolHostExtension.builder()
                .nodeName(annotation.nodeName())
                .nodeUpdateRate(Durations.parse(annotation.nodeUpdateRate()))
                .startTimeout(Durations.parse(annotation.startTimeout()))
                .awaitHealthy(annotation.awaitHealthy());
        if (annotation.pluginJars().length == 0) {
            throw new IllegalArgumentException("pluginJars is empty: name the jar of the plugin under test");
        }
        for (String jar : annotation.pluginJars()) {
            builder.pluginJar(Path.of(expand(jar)));
        }
        String pools = expand(annotation.standalonePools());
        if (pools.startsWith(CLASSPATH)) {
            builder.standalonePoolsResource(pools.substring(CLASSPATH.length()));
        } else if (!pools.isEmpty()) {
            builder.standalonePools(Path.of(pools));
        }
        if (annotation.enableIpv6()) {
            builder.enableIpv6();
        }
        for (String option : annotation.options()) {
            String text = expand(option);
            while (text.startsWith("-")) {
                text = text.substring(1);
            }
            if (text.isEmpty()) {
                throw new IllegalArgumentException("empty option in options");
            }
            builder.argument("--" + text);
        }
        return builder.settings();
    }

    /**
     * Replaces every {@code ${name}} with the system property of that name.
     *
     * @throws IllegalArgumentException naming the property when it is not set
     */
    static String expand(String text) {
        Matcher matcher = PROPERTY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = System.getProperty(name);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("system property " + name + " is not set (a Maven build passes it "
                        + "with failsafe's systemPropertyVariables)");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    static String resource(String name) {
        String path = name.startsWith("/") ? name.substring(1) : name;
        ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : AnnotationSettings.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no class path resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read class path resource " + name, e);
        }
    }

    static String defaultPools() {
        try (InputStream in = AnnotationSettings.class.getClassLoader().getResourceAsStream(DEFAULT_POOLS)) {
            if (in == null) {
                throw new IllegalStateException("the kit's " + DEFAULT_POOLS + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULT_POOLS, e);
        }
    }
}
