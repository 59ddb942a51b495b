package dev.multipool.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    @ParameterizedTest
    @CsvSource({
        "10.0.0.0/8, 10.0.0.0/8",
        "192.168.1.0/16, 192.168.0.0/16",
        "192.168.1.77/24, 192.168.1.0/24",
        "10.1.2.3/32, 10.1.2.3/32",
        "10.1.2.3/0, 0.0.0.0/0",
        "10.255.255.255/9, 10.128.0.0/9",
        "2001:db8::1/64, 2001:db8::/64",
        "2001:db8:1:2:3:4:5:6/63, 2001:db8:1:2::/63",
        "2001:db8:1:2:3:4:5:6/65, 2001:db8:1:2::/65",
        "2001:db8:1:2:ffff:4:5:6/66, 2001:db8:1:2:c000::/66",
        "2001:db8::ff/120, 2001:db8::/120",
        "2001:db8::ff/128, 2001:db8::ff/128",
        "ffff::1/0, ::/0",
        "2001:DB8::/32, 2001:db8::/32",
    })
    @DisplayName("parsing clears host bits in both families and prints canonical text")
    void normalises(String text, String canonical) {
        Cidr cidr = Cidr.parse(text);

        assertThat(cidr).hasToString(canonical);
        assertThat(cidr).isEqualTo(Cidr.parse(canonical));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "2001:db8::/129", "10.0.0.0/-1", "10.0.0.0/08", "10.0.0.0/00",
        "2001:db8::/064", "10.0.0.0", "10.0.0.0/", "/8", "10.0.0.0/8/8", "010.0.0.0/8", "10.0.0/8",
        "10.0.0.0/ 8", "10.0.0.0/8 ", "fe80::%eth0/64", "[2001:db8::]/64", "10.0.0.0/1000", "10.0.0.0/+8",
        "10.0.0.0/a"})
    @DisplayName("invalid CIDRs (prefix out of range, leading zeros in the length, bad address) are rejected")
    void rejects(String text) {
        assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid CIDR \"" + text + "\"");
    }

    @Test
    @DisplayName("the constructor checks the prefix bounds of the family and normalises too")
    void constructorBounds() {
        IpAddress v4 = IpAddress.parse("10.1.2.3");
        IpAddress v6 = IpAddress.parse("2001:db8::1");
        assertThat(new Cidr(v4, 32).network()).isEqualTo(v4);
        assertThat(new Cidr(v4, 8).network()).hasToString("10.0.0.0");
        assertThat(new Cidr(v6, 128).network()).isEqualTo(v6);
        assertThatThrownBy(() -> new Cidr(v4, 33)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("33").hasMessageContaining("ipv4");
        assertThatThrownBy(() -> new Cidr(v6, 129)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Cidr(v4, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("contains: same family and same prefix; boundaries included")
    void contains() {
        Cidr v4 = Cidr.parse("10.0.0.0/24");
        assertThat(v4.contains(IpAddress.parse("10.0.0.0"))).isTrue();
        assertThat(v4.contains(IpAddress.parse("10.0.0.255"))).isTrue();
        assertThat(v4.contains(IpAddress.parse("10.0.1.0"))).isFalse();
        assertThat(v4.contains(IpAddress.parse("9.255.255.255"))).isFalse();
        assertThat(v4.contains(IpAddress.parse("::ffff:10.0.0.1"))).as("mapped IPv6 is another family").isFalse();

        Cidr v6 = Cidr.parse("2001:db8::/65");
        assertThat(v6.contains(IpAddress.parse("2001:db8::7fff:ffff:ffff:ffff"))).isTrue();
        assertThat(v6.contains(IpAddress.parse("2001:db8::8000:0:0:0"))).isFalse();
        assertThat(Cidr.parse("::/0").contains(IpAddress.parse("ffff::"))).isTrue();
        assertThat(Cidr.parse("0.0.0.0/0").contains(IpAddress.parse("::"))).isFalse();
    }

    @Test
    @DisplayName("host bits and address counts, saturated for large IPv6 prefixes")
    void sizes() {
        assertThat(Cidr.parse("10.0.0.0/24").hostBits()).isEqualTo(8);
        assertThat(Cidr.parse("10.0.0.0/24").addressCount()).isEqualTo(256);
        assertThat(Cidr.parse("10.0.0.1/32").addressCount()).isEqualTo(1);
        assertThat(Cidr.parse("0.0.0.0/0").addressCount()).isEqualTo(1L << 32);
        assertThat(Cidr.parse("2001:db8::/66").addressCount()).isEqualTo(1L << 62);
        assertThat(Cidr.parse("2001:db8::/65").addressCount()).isEqualTo(Long.MAX_VALUE);
        assertThat(Cidr.parse("2001:db8::/64").addressCount()).isEqualTo(Long.MAX_VALUE);
        assertThat(Cidr.parse("2001:db8::/64").family()).isEqualTo(Family.IPV6);
    }

    @Test
    @DisplayName("compare: IPv4 first, then network, then prefix length")
    void compare() {
        assertThat(Cidr.parse("255.0.0.0/8")).isLessThan(Cidr.parse("::/0"));
        assertThat(Cidr.parse("10.0.0.0/8")).isLessThan(Cidr.parse("10.0.0.0/16"));
        assertThat(Cidr.parse("10.0.0.0/16")).isLessThan(Cidr.parse("10.1.0.0/16"));
    }
}
