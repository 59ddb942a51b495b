package dev.multipool.host;

import dev.multipool.host.config.HostEnvironment;
import dev.multipool.host.config.UsageException;
import java.io.PrintStream;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bin/multipool-host}: starts the host and runs until SIGTERM or SIGINT. Exit status 2 for
 * bad flags (the message names the option), 1 when the host cannot start, 0 after a clean stop.
 */
public final class Main {

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    /**
     * Runs the host.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        int status = run(List.of(args), HostEnvironment.system(), System.out, System.err);
        System.exit(status);
    }

    /**
     * Runs the host until it is stopped, and returns the exit status. Public for the end-to-end
     * tests, which check the exit statuses without starting a process.
     *
     * @param args the command line
     * @param environment the environment for flag defaults
     * @param out where help goes
     * @param err where usage and start errors go
     * @return the exit status
     */
    public static int run(List<String> args, HostEnvironment environment, PrintStream out, PrintStream err) {
        HostLauncher.Outcome outcome;
        try {
            outcome = HostLauncher.launch(args, environment);
        } catch (UsageException e) {
            err.println("multipool-host: " + e.getMessage());
            err.println("Run multipool-host --help for the options.");
            return UsageException.EXIT_STATUS;
        } catch (HostStartException e) {
            err.println("multipool-host: cannot start: " + e.getMessage());
            log.error("cannot start", e);
            return 1;
        }
        if (outcome instanceof HostLauncher.Help help) {
            out.print(help.text());
            return 0;
        }
        RunningHost running = ((HostLauncher.Started) outcome).host();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping");
            running.close();
        }, "multipool-shutdown"));
        try {
            running.awaitClose();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
