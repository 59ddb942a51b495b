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

    /**
     * Times one {@code java -version} of the JVM running the benchmark: the start-up baseline.
     *
     * @return milliseconds from the exec to its exit
     * @throws IOException if it cannot be started
     * @throws InterruptedException if interrupted
     */
    public static double javaVersionMillis() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long start = System.nanoTime();
        Process process = new ProcessBuilder(java, "-version").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("java -version failed");
        }
        return (System.nanoTime() - start) / 1e6;
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
