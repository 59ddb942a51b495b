package dev.multipool.plugins.dra.claims;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClaimOwnerTest {

    @Test
    @DisplayName("ARCHITECTURE 7.2: the controller's own owner string reads back as claim and device")
    void readsTheControllersForm() {
        ClaimKey key = new ClaimKey("team-a", "web-0.net");

        ClaimOwner owner = ClaimOwner.parse(key.owner("eth1")).orElseThrow();

        assertThat(owner.claim()).isEqualTo(key);
        assertThat(owner.device()).isEqualTo("eth1");
        assertThat(owner).hasToString("team-a/web-0.net/eth1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ext:uid-42", "external-driver/pod-1", "a/b/c/d", "ns//eth1", "Ns/claim/eth1",
            "ns/claim/eth_1", "ns/claim/", "/claim/eth1", "ns/-claim/eth1", "ns/claim/eth1.vf"})
    @DisplayName("any other owner string is an external caller's and is not read as a claim device")
    void othersAreNotClaimOwners(String owner) {
        assertThat(ClaimOwner.parse(owner)).isEmpty();
    }
}
