package dev.multipool.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multipool.api.ConsumerContext;
import dev.multipool.api.ConsumerDefinition;
import dev.multipool.api.Family;
import dev.multipool.api.FamilyDisabledException;
import dev.multipool.api.HostMode;
import dev.multipool.api.IpamConsumer;
import dev.multipool.api.OptionSpec;
import dev.multipool.api.OptionType;
import dev.multipool.api.PoolKind;
import dev.multipool.api.PoolName;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The consumer context fixture: the consumer's options parsed as the host parses them, and the parts a test sets. */
class TestConsumerContextTest {

    /** A consumer that only declares options; the context never calls define. */
    private static final class LabConsumer implements IpamConsumer {

        @Override
        public String id() {
            return "lab";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(
                    OptionSpec.of("lab-pre-allocation", OptionType.POOL_COUNTS, "default=8", "pools to fill"),
                    OptionSpec.of("lab-wait", OptionType.DURATION, "3m", "how long to wait"),
                    OptionSpec.of("lab-strict", OptionType.BOOLEAN, "false", "refuse unknown pools"),
                    OptionSpec.unset("lab-driver", OptionType.STRING, "driver name"));
        }

        @Override
        public ConsumerDefinition define(ConsumerContext context) {
            throw new UnsupportedOperationException("not defined in these tests");
        }
    }

    private final TestConsumerContext context = TestConsumerContext.of(new LabConsumer());

    @Test
    @DisplayName("declared defaults are parsed by type; an unset option is empty")
    void defaultsParsed() {
        assertThat(context.consumerId()).isEqualTo("lab");
        assertThat(context.options().poolCounts("lab-pre-allocation")).containsExactly(Map.entry(PoolName.of("default"), 8));
        assertThat(context.options().duration("lab-wait")).contains(Duration.ofMinutes(3));
        assertThat(context.options().bool("lab-strict")).isFalse();
        assertThat(context.options().string("lab-driver")).isEmpty();
    }

    @Test
    @DisplayName("given values are parsed from their command-line form and replace the defaults")
    void givenValuesParsed() {
        context.option("lab-wait", "1m30s").option("lab-strict", "TRUE").option("lab-pre-allocation", "blue=2, red=0")
                .option("lab-driver", "net.example.com");

        assertThat(context.options().duration("lab-wait")).contains(Duration.ofSeconds(90));
        assertThat(context.options().bool("lab-strict")).isTrue();
        assertThat(context.options().poolCounts("lab-pre-allocation"))
                .containsExactly(Map.entry(PoolName.of("blue"), 2), Map.entry(PoolName.of("red"), 0));
        assertThat(context.options().string("lab-driver")).contains("net.example.com");
    }

    @Test
    @DisplayName("an undeclared option or a value that does not parse is refused, naming it, and the options stay as they were")
    void badOptionsChangeNothing() {
        context.option("lab-wait", "10s");

        assertThatThrownBy(() -> context.option("lab-wiat", "20s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("consumer \"lab\" declares no option \"lab-wiat\"").hasMessageContaining("lab-wait");
        assertThatThrownBy(() -> context.option("lab-wait", "soon"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--lab-wait").hasMessageContaining("soon");
        assertThatThrownBy(() -> context.option("lab-pre-allocation", "Blue=x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--lab-pre-allocation");

        assertThat(context.options().duration("lab-wait")).contains(Duration.ofSeconds(10));
        assertThat(context.options().poolCounts("lab-pre-allocation")).containsOnlyKeys(PoolName.of("default"));
    }

    @Test
    @DisplayName("asking for an option with the wrong type fails as on the host")
    void wrongTypeRefused() {
        assertThatThrownBy(() -> context.options().string("lab-wait"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lab-wait").hasMessageContaining("DURATION");
    }

    @Test
    @DisplayName("ipam() throws until the allocations are restored; the test reaches the manager at any time")
    void ipamAfterRestore() {
        context.testIpam().range("default", "10.0.0.0/30");

        assertThatThrownBy(context::ipam).isInstanceOf(IllegalStateException.class).hasMessageContaining("\"lab\"");

        context.restored();
        assertThat(context.ipam()).isSameAs(context.testIpam());
        assertThat(context.ipam().hasFreeAddress(PoolName.of("default"), Family.IPV4)).isTrue();
    }

    @Test
    @DisplayName("defaults: the kit's node name, both families, standalone, a test clock; each can be set")
    void defaultsAndSetters() {
        assertThat(context.nodeName()).isEqualTo(HostSettings.DEFAULT_NODE_NAME);
        assertThat(context.enabledFamilies()).containsExactlyInAnyOrder(Family.IPV4, Family.IPV6);
        assertThat(context.mode()).isEqualTo(HostMode.STANDALONE);
        assertThat(context.clock().instant()).isEqualTo(Instant.parse(TestClock.DEFAULT_START));

        Clock fixed = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
        context.nodeName("worker-7").mode(HostMode.KUBERNETES).clock(fixed).families(Family.IPV4).restored();

        assertThat(context.nodeName()).isEqualTo("worker-7");
        assertThat(context.mode()).isEqualTo(HostMode.KUBERNETES);
        assertThat(context.clock()).isSameAs(fixed);
        assertThat(context.enabledFamilies()).containsExactly(Family.IPV4);
        assertThatThrownBy(() -> context.ipam().allocateNext(PoolName.of("default"), Family.IPV6, "x"))
                .as("the manager follows the context's families").isInstanceOf(FamilyDisabledException.class);
    }

    @Test
    @DisplayName("pools(kind) answers the catalog given for the kind, else one empty synced catalog per kind")
    void catalogsByKind() {
        TestPoolCatalog podPools = new TestPoolCatalog(PoolKind.CILIUM_POD_IP_POOL);
        context.catalog(podPools);

        TestPoolCatalog resourcePools = context.pools(PoolKind.CILIUM_RESOURCE_IP_POOL);

        assertThat(context.pools(PoolKind.CILIUM_POD_IP_POOL)).isSameAs(podPools);
        assertThat(resourcePools.kind()).isEqualTo(PoolKind.CILIUM_RESOURCE_IP_POOL);
        assertThat(resourcePools.isSynced()).isTrue();
        assertThat(resourcePools.list()).isEmpty();
        assertThat(context.pools(PoolKind.CILIUM_RESOURCE_IP_POOL)).isSameAs(resourcePools);
    }

    @Test
    @DisplayName("service(type) answers what the test offered, and nothing else")
    void services() {
        StringBuilder offered = new StringBuilder("client");
        context.service(CharSequence.class, offered);

        assertThat(context.service(CharSequence.class)).containsSame(offered);
        assertThat(context.service(StringBuilder.class)).isEmpty();
    }
}
