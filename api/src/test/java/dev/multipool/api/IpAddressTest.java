package dev.multipool.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "10.0.0.1", "192.168.255.254", "255.255.255.255", "1.2.3.4"})
    @DisplayName("dotted decimal IPv4 parses and prints back unchanged")
    void ipv4RoundTrip(String text) {
        IpAddress address = IpAddress.parse(text);

        assertThat(address.family()).isEqualTo(Family.IPV4);
        assertThat(address.high()).isZero();
        assertThat(address).hasToString(text);
        assertThat(IpAddress.isValid(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"01.2.3.4", "1.02.3.4", "1.2.3.00", "1.2.3", "1.2.3.4.5", "1.2.3.", ".1.2.3",
        "256.1.1.1", "1.2.3.1000", "0x1.2.3.4", "0xA.0.0.1", "1.2.3.a", "1..2.3", "1.2.3.4 ", " 1.2.3.4", "",
        "1.2.3.4/32", "4294967295", "+1.2.3.4", "1.2.3.-4", "１.2.3.4"})
    @DisplayName("IPv4 parsing is strict: no leading zeros, exactly four decimal octets, no hex, no extras")
    void ipv4Rejects(String text) {
        assertThat(IpAddress.isValid(text)).isFalse();
        assertThatThrownBy(() -> IpAddress.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + text + "\"");
    }

    @ParameterizedTest
    @CsvSource({
        "::, ::",
        "::1, ::1",
        "1::, 1::",
        "2001:DB8::1, 2001:db8::1",
        "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "fd00:0:0:0:0:0:0:0, fd00::",
        "0:0:0:0:0:0:0:1, ::1",
        "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8",
        "1:0:0:2:0:0:0:3, 1:0:0:2::3",
        "::ffff:1.2.3.4, ::ffff:1.2.3.4",
        "::FFFF:0102:0304, ::ffff:1.2.3.4",
        "0:0:0:0:0:ffff:10.0.0.1, ::ffff:10.0.0.1",
        "1:2:3:4:5:6:1.2.3.4, 1:2:3:4:5:6:102:304",
        "::1:2:3:4:5:6:7, 0:1:2:3:4:5:6:7",
    })
    @DisplayName("IPv6 prints in RFC 5952 form: lower case, longest zero run (first if tied, never one group) as ::")
    void ipv6Canonical(String text, String canonical) {
        IpAddress address = IpAddress.parse(text);

        assertThat(address.family()).isEqualTo(Family.IPV6);
        assertThat(address).hasToString(canonical);
        assertThat(IpAddress.parse(canonical)).isEqualTo(address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fe80::1%eth0", "fe80::1%1", "[::1]", "[2001:db8::1]:80", ":::", "1::2::3", ":1::2", "1::2:",
        "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8::", "12345::", "g::1", "::ffff:1.2.3",
        "::ffff:01.2.3.4", "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3.4:5", ":", "1:", "::ffff:1.2.3.4.5"})
    @DisplayName("IPv6 parsing is strict: no zone, no brackets, one :: at most, eight groups")
    void ipv6Rejects(String text) {
        assertThat(IpAddress.isValid(text)).isFalse();
        assertThatThrownBy(() -> IpAddress.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text);
    }

    @Test
    @DisplayName("an IPv4-mapped IPv6 address stays IPv6 and differs from the IPv4 address")
    void mappedStaysIpv6() {
        IpAddress mapped = IpAddress.parse("::ffff:10.0.0.1");

        assertThat(mapped.family()).isEqualTo(Family.IPV6);
        assertThat(mapped).isNotEqualTo(IpAddress.parse("10.0.0.1"));
        assertThat(mapped.low()).isEqualTo(0xFFFF_0A00_0001L);
    }

    @Test
    @DisplayName("null is rejected by parse and is not valid")
    void nullText() {
        assertThat(IpAddress.isValid(null)).isFalse();
        assertThatThrownBy(() -> IpAddress.parse(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    @DisplayName("an IPv4 address must fit 32 bits")
    void ipv4Range() {
        assertThatThrownBy(() -> IpAddress.ipv4(1L << 32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IpAddress(Family.IPV4, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(IpAddress.ipv4(0xFFFF_FFFFL)).hasToString("255.255.255.255");
    }

    @Test
    @DisplayName("plus moves forward, carries into the high half for IPv6 and wraps within the family")
    void plus() {
        assertThat(IpAddress.parse("10.0.0.255").plus(1)).hasToString("10.0.1.0");
        assertThat(IpAddress.parse("255.255.255.255").plus(1)).hasToString("0.0.0.0");
        assertThat(IpAddress.parse("::ffff:ffff:ffff:ffff").plus(1)).hasToString("0:0:0:1::");
        assertThat(IpAddress.parse("2001:db8::").plus(0x1_0000)).hasToString("2001:db8::1:0");
        assertThat(IpAddress.parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff").plus(1)).hasToString("::");
        assertThatThrownBy(() -> IpAddress.parse("10.0.0.1").plus(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("offsetFrom is the distance from a base, or -1 when before it, of another family or too far")
    void offsetFrom() {
        IpAddress base = IpAddress.parse("10.0.0.0");
        assertThat(IpAddress.parse("10.0.1.2").offsetFrom(base)).isEqualTo(258);
        assertThat(base.offsetFrom(base)).isZero();
        assertThat(base.offsetFrom(IpAddress.parse("10.0.0.1"))).isEqualTo(-1);
        assertThat(IpAddress.parse("::a00:0").offsetFrom(base)).isEqualTo(-1);

        IpAddress v6 = IpAddress.parse("2001:db8::");
        assertThat(IpAddress.parse("2001:db8::1:0").offsetFrom(v6)).isEqualTo(0x1_0000);
        assertThat(IpAddress.parse("2001:db8:0:1::").offsetFrom(IpAddress.parse("2001:db8::ffff:ffff:ffff:ffff")))
                .as("across the 64-bit boundary").isEqualTo(1);
        assertThat(IpAddress.parse("2001:db8:0:1::").offsetFrom(v6)).as("2^64 does not fit").isEqualTo(-1);
        assertThat(IpAddress.parse("2001:db8::8000:0:0:0").offsetFrom(v6)).as("2^63 does not fit").isEqualTo(-1);
        assertThat(IpAddress.parse("2001:db8::7fff:ffff:ffff:ffff").offsetFrom(v6)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    @DisplayName("compare orders IPv4 before IPv6, then by unsigned value")
    void compare() {
        assertThat(IpAddress.parse("255.255.255.255")).isLessThan(IpAddress.parse("::"));
        assertThat(IpAddress.parse("10.0.0.2")).isLessThan(IpAddress.parse("10.0.0.10"));
        assertThat(IpAddress.parse("128.0.0.0")).isGreaterThan(IpAddress.parse("127.255.255.255"));
        assertThat(IpAddress.parse("8000::")).as("unsigned high half").isGreaterThan(IpAddress.parse("7fff::"));
        assertThat(IpAddress.parse("::8000:0:0:0")).as("unsigned low half").isGreaterThan(IpAddress.parse("::1"));
        assertThat(IpAddress.parse("2001:db8::1").compareTo(IpAddress.parse("2001:DB8::1"))).isZero();
    }

    @Test
    @DisplayName("toBytes gives network order, 4 or 16 bytes")
    void toBytes() {
        assertThat(IpAddress.parse("10.1.2.3").toBytes()).containsExactly(10, 1, 2, 3);
        assertThat(IpAddress.parse("2001:db8::ff").toBytes())
                .containsExactly(0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff);
    }
}
