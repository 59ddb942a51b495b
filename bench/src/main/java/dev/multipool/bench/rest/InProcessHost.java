package dev.multipool.bench.rest;

import com.google.inject.Module;
import dev.multipool.bench.support.KeepAliveHttp;
import dev.multipool.bench.support.PoolsFile;
import dev.multipool.bench.support.WorkDirectory;
import dev.multipool.host.HostLauncher;
import dev.multipool.host.RunningHost;
import dev.multipool.host.config.HostEnvironment;
import dev.multipool.host.state.AllocationJournal;
import dev.multipool.host.state.FileAllocationJournal;
import dev.multipool.host.state.JournalStatistics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real host started in this JVM through {@link HostLauncher} in standalone mode, with the real
 * pod plugin jar from the distribution and only the {@code pod} consumer enabled. "State on" is the
 * host's own {@link FileAllocationJournal} under the state directory (bound here only so that its
 * statistics can be read); "state off" binds a {@link MemoryJournal} instead.
 */
final class InProcessHost implements AutoCloseable {

    /** The pool file: one IPv4 pool whose /22 blocks the embedded operator delegates. */
    static final String POOLS = PoolsFile.defaultIpv4("10.64.0.0/13", 22);

    private final RunningHost running;
    private final Path socket;
    private final AllocationJournal journal;

    private InProcessHost(RunningHost running, Path socket, AllocationJournal journal) {
        this.running = running;
        this.socket = socket;
        this.journal = journal;
    }

    /**
     * Starts a host on a new state directory and waits until {@code /v1/healthz} answers 200.
     *
     * @param work a directory for the state, the pool file and the socket (emptied first)
     * @param pluginsDir a directory holding the pod plugin jar
     * @param durable true for the file journal, false for {@link MemoryJournal}
     * @param extraArgs further flags
     * @return the running host
     * @throws IOException if the directory cannot be prepared
     * @throws InterruptedException if interrupted while waiting
     */
    static InProcessHost start(Path work, Path pluginsDir, boolean durable, List<String> extraArgs)
            throws IOException, InterruptedException {
        WorkDirectory.fresh(work);
        Path pools = work.resolve("pools.yaml");
        Files.writeString(pools, POOLS);
        Path state = work.resolve("state");
        Path socket = work.resolve("api.sock");
        AllocationJournal journal = durable ? new FileAllocationJournal(state.resolve("allocations")) : new MemoryJournal();
        List<String> args = new ArrayList<>(List.of("--standalone", "--standalone-pools", pools.toString(),
                "--state-dir", state.toString(), "--socket-path", socket.toString(), "--plugins-dir",
                pluginsDir.toString(), "--k8s-node-name", "bench-node", "--consumers", "pod"));
        args.addAll(extraArgs);
        Module journalBinding = binder -> binder.bind(AllocationJournal.class).toInstance(journal);
        HostLauncher.Outcome outcome = HostLauncher.launch(args,
                HostEnvironment.fixed(Map.of(), Map.of(), "bench-host", work), journalBinding);
        RunningHost running = ((HostLauncher.Started) outcome).host();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (KeepAliveHttp.status(socket, "/v1/healthz") != 200) {
            if (System.nanoTime() > deadline) {
                running.close();
                throw new IllegalStateException("the in-process host did not become healthy within 60 s");
            }
            Thread.sleep(10);
        }
        return new InProcessHost(running, socket, journal);
    }

    Path socket() {
        return socket;
    }

    /** The file journal's counters, or null with state off. */
    JournalStatistics statistics() {
        return journal instanceof FileAllocationJournal file ? file.statistics() : null;
    }

    RunningHost running() {
        return running;
    }

    @Override
    public void close() {
        running.close();
    }
}
