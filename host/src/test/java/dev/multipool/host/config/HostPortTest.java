package dev.multipool.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The HOST:PORT form of --prometheus-serve-addr. */
class HostPortTest {

    @Test
    void parsesHostNamesIpv4Ipv6AndEveryInterface() {
        assertThat(HostPort.parse("127.0.0.1:9962")).isEqualTo(new HostPort("127.0.0.1", 9962));
        assertThat(HostPort.parse("localhost:1")).isEqualTo(new HostPort("localhost", 1));
        assertThat(HostPort.parse("[::1]:9962")).isEqualTo(new HostPort("::1", 9962));
        assertThat(HostPort.parse(":9962")).isEqualTo(new HostPort("", 9962));
        assertThat(HostPort.parse("[::1]:9962")).hasToString("[::1]:9962");
        assertThat(new HostPort("", 9962).toSocketAddress().getAddress().isAnyLocalAddress()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1| expected HOST:PORT",
        "127.0.0.1:| invalid port \"\"",
        "127.0.0.1:http| invalid port \"http\"",
        "127.0.0.1:0| port 0 is out of range 1-65535",
        "127.0.0.1:65536| port 65536 is out of range 1-65535",
        "::1:9962| write an IPv6 host in brackets",
        "[]:9962| empty IPv6 literal",
        "my host:80| the host contains spaces"
    })
    void rejectsMalformedAddresses(String text, String message) {
        assertThatThrownBy(() -> HostPort.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
