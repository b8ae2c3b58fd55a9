package dev.glassbox.core.guard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientKeyTest {

    @Test
    void anIpv6ClientIsItsSlash64AndAnIpv4ClientItsAddress() {
        assertThat(ClientKey.of("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientKey.of("2001:0db8:0001:0002:0:0:0:1")).isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientKey.of("2001:db8:1:3::1")).isEqualTo("2001:db8:1:3::/64");
        assertThat(ClientKey.of("fe80::1%eth0")).isEqualTo("fe80:0:0:0::/64");
        assertThat(ClientKey.of("0:0:0:0:0:0:0:1")).isEqualTo(ClientKey.of("::1"));
        assertThat(ClientKey.of("::ffff:192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(ClientKey.of("192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(ClientKey.of("unknown")).isEqualTo("unknown");
        assertThat(ClientKey.of("not:an:address:zz")).isEqualTo("not:an:address:zz");
    }

    @Test
    void theAddressesOfOneIpv6NetworkShareOneQuota() {
        ClientRates rates = new ClientRates(2, 1_000);
        assertThat(rates.tryTake("2001:db8:1:2::1", 0)).isZero();
        assertThat(rates.tryTake("2001:db8:1:2::2", 0)).isZero();
        assertThat(rates.tryTake("2001:db8:1:2:ffff::3", 0)).as("a third address of the same /64").isEqualTo(1_000);
        assertThat(rates.tryTake("2001:db8:1:3::1", 0)).as("the next network").isZero();
        ClientCounts sockets = new ClientCounts(2);
        assertThat(sockets.tryAcquire("2001:db8:1:2::1")).isTrue();
        assertThat(sockets.tryAcquire("2001:db8:1:2::2")).isTrue();
        assertThat(sockets.tryAcquire("2001:db8:1:2::3")).isFalse();
        sockets.release("2001:db8:1:2::1");
        assertThat(sockets.tryAcquire("2001:db8:1:2::3")).isTrue();
    }
}
