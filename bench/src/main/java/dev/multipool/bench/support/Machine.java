package dev.multipool.bench.support;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** The description of the machine a benchmark ran on, for the document's "Machine and run" lines. */
public final class Machine {

    private Machine() {
    }

    /**
     * Returns the 1-minute load average now.
     *
     * @return the load average
     */
    public static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /**
     * Describes the machine, the JVM and the time.
     *
     * @return one line
     */
    public static String describe() {
        return String.format(Locale.ROOT, "%d CPUs (%s), %s %s, %s %s, load average %.2f, %s UTC",
                Runtime.getRuntime().availableProcessors(), cpuModel(), System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), load(), Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }
}
