package dev.multipool.host.config;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the host reads from its surroundings to compute flag defaults: environment variables,
 * system properties, the host name and the working directory. Tests pass a {@link #fixed} one.
 */
public interface HostEnvironment {

    /** The system property the launcher script sets to the installation directory. */
    String HOME_PROPERTY = "multipool.home";

    /**
     * Returns an environment variable.
     *
     * @param name the variable
     * @return its value, if set
     */
    Optional<String> variable(String name);

    /**
     * Returns a system property.
     *
     * @param name the property
     * @return its value, if set
     */
    Optional<String> property(String name);

    /**
     * Returns this machine's host name.
     *
     * @return the host name
     */
    String hostName();

    /**
     * Returns the working directory.
     *
     * @return an absolute path
     */
    Path workingDirectory();

    /**
     * Returns the installation directory: system property {@value #HOME_PROPERTY}, else the
     * working directory.
     *
     * @return the directory holding {@code conf/} and {@code plugins/}
     */
    default Path installDirectory() {
        return property(HOME_PROPERTY).filter(home -> !home.isBlank()).map(Path::of)
                .orElseGet(this::workingDirectory);
    }

    /**
     * Returns the environment of this process.
     *
     * @return the real environment
     */
    static HostEnvironment system() {
        return new LookupEnvironment(System::getenv, System::getProperty, HostEnvironment::kernelHostName,
                () -> Path.of("").toAbsolutePath());
    }

    /** The kernel's node name, as Go's os.Hostname reads it; DNS only as a fallback. */
    private static String kernelHostName() {
        Path kernel = Path.of("/proc/sys/kernel/hostname");
        try {
            if (Files.isReadable(kernel)) {
                String name = Files.readString(kernel, StandardCharsets.UTF_8).trim();
                if (!name.isEmpty()) {
                    return name;
                }
            }
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /**
     * Returns a fixed environment, for tests.
     *
     * @param variables the environment variables
     * @param properties the system properties
     * @param hostName the host name
     * @param workingDirectory the working directory
     * @return the environment
     */
    static HostEnvironment fixed(Map<String, String> variables, Map<String, String> properties, String hostName,
                                 Path workingDirectory) {
        Map<String, String> env = Map.copyOf(requireNonNull(variables, "variables is null"));
        Map<String, String> props = Map.copyOf(requireNonNull(properties, "properties is null"));
        requireNonNull(hostName, "hostName is null");
        Path cwd = requireNonNull(workingDirectory, "workingDirectory is null").toAbsolutePath();
        return new LookupEnvironment(env::get, props::get, () -> hostName, () -> cwd);
    }
}
