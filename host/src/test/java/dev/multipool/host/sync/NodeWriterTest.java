package dev.multipool.host.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.multipool.api.HostMode;
import dev.multipool.api.PoolDemand;
import dev.multipool.api.PoolName;
import dev.multipool.api.PoolRequest;
import dev.multipool.api.PoolSection;
import dev.multipool.api.PoolSectionAccessor;
import dev.multipool.api.ResourceDocument;
import dev.multipool.host.node.NodeListener;
import dev.multipool.host.node.NodeSource;
import dev.multipool.host.node.NodeSourceException;
import dev.multipool.host.node.NodeSourceStatus;
import dev.multipool.host.node.standalone.StandaloneNodeStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeWriterTest {

    private static final PoolSectionAccessor PODS = PoolSectionAccessor.atPath("spec", "ipam", "pools");

    @TempDir
    Path dir;

    /** Stands in for the consumer: what it would write, and the node version it last ingested. */
    private final AtomicReference<PoolSection> desired = new AtomicReference<>(section(8));
    private final AtomicReference<ResourceDocument> ingested = new AtomicReference<>();
    private final AtomicInteger conflicts = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();

    @Test
    void m31_aBurstOfTriggersWithinOneIntervalCostsAtMostTwoWrites() {
        try (StandaloneNodeStore store = new StandaloneNodeStore(dir, "node-a")) {
            ingested.set(store.fetch());
            try (NodeWriter writer = writer(store, Duration.ofMillis(500))) {
                writer.start();
                await().until(writer::firstSyncDone);
                for (int i = 1; i <= 1000; i++) {
                    desired.set(section(8 + i));
                    writer.trigger();
                }
                await().until(() -> PODS.read(store.fetch()).equals(section(1008)));
                assertThat(store.status().writes()).isLessThanOrEqualTo(2);
            }
        }
    }

    @Test
    void triggersBeforeStartWaitForTheStartAndTheFirstWriteCarriesTheSectionOfThatMoment() {
        try (StandaloneNodeStore store = new StandaloneNodeStore(dir, "node-a")) {
            ingested.set(store.fetch());
            try (NodeWriter writer = writer(store, Duration.ZERO)) {
                for (int i = 0; i < 5; i++) {
                    writer.trigger();
                }
                await().pollDelay(Duration.ofMillis(200)).until(() -> true);
                assertThat(store.status().writes()).isZero();
                assertThat(writer.firstSyncDone()).isFalse();

                desired.set(section(24));
                writer.start();

                await().until(writer::firstSyncDone);
                assertThat(PODS.read(store.fetch())).isEqualTo(section(24));
                assertThat(store.status().writes()).isEqualTo(1);
            }
        }
    }

    @Test
    void m32_noWriteWhenTheSectionIsUnchanged() {
        try (StandaloneNodeStore store = new StandaloneNodeStore(dir, "node-a")) {
            ingested.set(store.fetch());
            try (NodeWriter writer = writer(store, Duration.ZERO)) {
                writer.start();
                await().until(() -> store.status().writes() == 1);
                for (int i = 0; i < 20; i++) {
                    writer.trigger();
                }
                await().pollDelay(Duration.ofMillis(200)).until(() -> true);
                assertThat(store.status().writes()).isEqualTo(1);
                assertThat(writer.firstSyncDone()).isTrue();
            }
        }
    }

    @Test
    void m31_theRefreshPassWritesAChangedSectionWithoutATrigger() {
        try (StandaloneNodeStore store = new StandaloneNodeStore(dir, "node-a")) {
            ingested.set(store.fetch());
            try (NodeWriter writer = new NodeWriter(params(store, Duration.ZERO, Duration.ofMillis(100)))) {
                writer.start();
                await().until(() -> store.status().writes() == 1);

                // demand can change without an allocation or release, e.g. when pending entries expire
                desired.set(section(3));

                await().atMost(Duration.ofSeconds(5)).until(() -> PODS.read(store.fetch()).equals(section(3)));
                assertThat(store.status().writes()).isEqualTo(2);
            }
        }
    }

    @Test
    void m33_aConflictIsRetriedAtOnceFromTheFreshNodeKeepingOtherSections() {
        try (StandaloneNodeStore store = new StandaloneNodeStore(dir, "node-a")) {
            ResourceDocument stale = store.fetch();
            store.replace(stale.with(List.of("spec", "ipam", "resourcepools"), Map.of("requested",
                    List.of(Map.of("pool", "other", "needed", Map.of("ipv4-addrs", 3L))))));
            ingested.set(stale);
            try (NodeWriter writer = writer(store, Duration.ofHours(1))) {
                writer.start();
                await().until(writer::firstSyncDone);
            }
            ResourceDocument node = store.fetch();
            assertThat(PODS.read(node)).isEqualTo(section(8));
            assertThat(node.get("spec", "ipam", "resourcepools")).isPresent();
            assertThat(conflicts.get()).isEqualTo(1);
        }
    }

    @Test
    void failuresAreRetriedWithBackoffAndDemandIsPublishedWhenTheStoreIsBack() {
        try (StandaloneNodeStore store = new StandaloneNodeStore(dir, "node-a")) {
            ingested.set(store.fetch());
            AtomicBoolean down = new AtomicBoolean(true);
            NodeSource flaky = new FlakySource(store, down);
            try (NodeWriter writer = new NodeWriter(params(flaky, Duration.ZERO))) {
                writer.start();
                await().until(() -> failures.get() >= 1);
                assertThat(writer.firstSyncDone()).isFalse();
                down.set(false);
                await().atMost(Duration.ofSeconds(5)).until(writer::firstSyncDone);
                assertThat(PODS.read(store.fetch())).isEqualTo(section(8));
            }
        }
    }

    @Test
    void afterAnOutageWithSteadyTrafficTheDemandIsPublishedWithinAboutTheOutageLength() {
        try (StandaloneNodeStore store = new StandaloneNodeStore(dir, "node-a")) {
            ingested.set(store.fetch());
            AtomicBoolean down = new AtomicBoolean(true);
            try (NodeWriter writer = new NodeWriter(params(new FlakySource(store, down), Duration.ofMillis(10)))) {
                writer.start();
                for (int i = 1; i <= 30; i++) {
                    desired.set(section(8 + i));
                    writer.trigger();
                    int failed = i;
                    await().until(() -> failures.get() >= failed);
                }
                down.set(false);

                // thirty failed passes in a row must not push the next attempt out to the 30 s backoff cap
                await().atMost(Duration.ofSeconds(5)).until(writer::firstSyncDone);
                assertThat(PODS.read(store.fetch())).isEqualTo(section(38));
            }
        }
    }

    private NodeWriter writer(NodeSource source, Duration rate) {
        return new NodeWriter(params(source, rate));
    }

    private NodeWriterParams params(NodeSource source, Duration rate) {
        return params(source, rate, Duration.ofMinutes(1));
    }

    private NodeWriterParams params(NodeSource source, Duration rate, Duration refresh) {
        return new NodeWriterParams("pod", source, PODS, () -> Optional.of(desired.get()),
                () -> Optional.ofNullable(ingested.get()), ingested::set, rate, refresh,
                new WriterObserver() {
                    @Override
                    public void conflict() {
                        conflicts.incrementAndGet();
                    }

                    @Override
                    public void failed(RuntimeException error) {
                        failures.incrementAndGet();
                    }
                });
    }

    private static PoolSection section(int demand) {
        return new PoolSection(List.of(new PoolRequest(PoolName.of("default"), new PoolDemand(demand, 0))), List.of());
    }

    /** A node source that fails every write while {@code down} is set (an API server outage). */
    private record FlakySource(StandaloneNodeStore store, AtomicBoolean down) implements NodeSource {
        @Override
        public HostMode mode() {
            return store.mode();
        }

        @Override
        public void start(NodeListener listener) {
            store.start(listener);
        }

        @Override
        public Optional<ResourceDocument> current() {
            return store.current();
        }

        @Override
        public ResourceDocument fetch() {
            return store.fetch();
        }

        @Override
        public ResourceDocument replace(ResourceDocument node) {
            if (down.get()) {
                throw new NodeSourceException("connection refused", null);
            }
            return store.replace(node);
        }

        @Override
        public NodeSourceStatus status() {
            return store.status();
        }

        @Override
        public void close() {
        }
    }
}
