package dev.multipool.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The SPI version the host announces to pf4j (pitfall P7: a pre-release would refuse every plugin). */
class SpiVersionTest {

    @Test
    void currentVersionComesFromTheApiJarAndIsAnnouncedWithoutItsPreReleasePart() {
        SpiVersion current = SpiVersion.current();

        assertThat(current.version()).as("filtered by the api build").doesNotContain("${").startsWith(current.systemVersion());
        assertThat(current.systemVersion()).matches("\\d+\\.\\d+\\.\\d+");
    }

    @Test
    void preReleaseAndBuildMetadataAreStripped() {
        assertThat(new SpiVersion("1.4.2").systemVersion()).isEqualTo("1.4.2");
        assertThat(new SpiVersion("1.1.0-rc.1").systemVersion()).isEqualTo("1.1.0");
        assertThat(new SpiVersion("2.0.0+build.7").systemVersion()).isEqualTo("2.0.0");
    }

    @Test
    void versionsThatAreNotSemanticVersionsAreRejected() {
        assertThatThrownBy(() -> new SpiVersion("1.0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid SPI version \"1.0\"");
        assertThatThrownBy(() -> new SpiVersion("${project.version}")).isInstanceOf(IllegalArgumentException.class);
    }
}
