package dev.multipool.host.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A {@link HostEnvironment} answered by lookup functions: the real one reads the process, a fixed
 * one reads maps. A lookup returns null for what is not set.
 */
final class LookupEnvironment implements HostEnvironment {

    private final UnaryOperator<String> variables;
    private final UnaryOperator<String> properties;
    private final Supplier<String> hostName;
    private final Supplier<Path> workingDirectory;

    /**
     * Creates the environment.
     *
     * @param variables environment variable by name
     * @param properties system property by name
     * @param hostName the host name
     * @param workingDirectory the absolute working directory
     */
    LookupEnvironment(UnaryOperator<String> variables, UnaryOperator<String> properties, Supplier<String> hostName,
                      Supplier<Path> workingDirectory) {
        this.variables = requireNonNull(variables, "variables is null");
        this.properties = requireNonNull(properties, "properties is null");
        this.hostName = requireNonNull(hostName, "hostName is null");
        this.workingDirectory = requireNonNull(workingDirectory, "workingDirectory is null");
    }

    @Override
    public Optional<String> variable(String name) {
        return Optional.ofNullable(variables.apply(name));
    }

    @Override
    public Optional<String> property(String name) {
        return Optional.ofNullable(properties.apply(name));
    }

    @Override
    public String hostName() {
        return hostName.get();
    }

    @Override
    public Path workingDirectory() {
        return workingDirectory.get();
    }
}
