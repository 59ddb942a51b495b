package dev.multipool.plugins.pod.selection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Spec P7 step 3: which owners name a pod. */
class PodOwnerTest {

    @ParameterizedTest
    @ValueSource(strings = {"default/client", "kube-system/coredns-5d78c9869d-abcde", "a.b/c.d"})
    @DisplayName("P7: namespace/name with DNS-1123 subdomain parts names a pod")
    void p7PodOwners(String owner) {
        assertThat(PodOwner.parse(owner)).map(PodOwner::toString).contains(owner);
    }

    @ParameterizedTest
    @ValueSource(strings = {"router", "health", "default/xwing_net2", "", "/", "default/", "/pod", "Default/pod",
            "a/b/c", "ns/pod name"})
    @DisplayName("S58: owners that are not namespace/name with valid parts are not pods")
    void s58NotPodOwners(String owner) {
        assertThat(PodOwner.parse(owner)).isEmpty();
    }
}
