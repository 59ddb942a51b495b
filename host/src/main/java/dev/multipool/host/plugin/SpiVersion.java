package dev.multipool.host.plugin;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.IpamConsumer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The version of the SPI ({@code multipool-api}) the host runs with, read from the
 * {@code dev/multipool/api/spi.properties} resource the api build fills in.
 *
 * @param version the api's project version, for example {@code 1.0.0-SNAPSHOT}
 */
public record SpiVersion(String version) {

    private static final String RESOURCE = "spi.properties";
    private static final Pattern SEMVER_CORE = Pattern.compile("\\d+\\.\\d+\\.\\d+");

    /** Validates the version. */
    public SpiVersion {
        requireNonNull(version, "version is null");
        if (!SEMVER_CORE.matcher(release(version)).matches()) {
            throw new IllegalArgumentException("invalid SPI version \"" + version + "\": expected MAJOR.MINOR.PATCH");
        }
    }

    /**
     * Returns the SPI version on the host's class path.
     *
     * @return the version
     * @throws IllegalStateException if the api jar carries no (or an unfiltered) version resource
     */
    public static SpiVersion current() {
        Properties properties = new Properties();
        try (InputStream in = IpamConsumer.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the multipool-api jar has no dev/multipool/api/" + RESOURCE);
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the SPI version from dev/multipool/api/" + RESOURCE, e);
        }
        String version = properties.getProperty("version", "").trim();
        if (version.isEmpty() || version.contains("${")) {
            throw new IllegalStateException("dev/multipool/api/" + RESOURCE + " has no filtered version (\"" + version
                    + "\"): build multipool-api with Maven resource filtering");
        }
        return new SpiVersion(version);
    }

    /**
     * Returns the version given to pf4j as the system version: the release part only. pf4j
     * compares semantic versions, where {@code 1.0.0-SNAPSHOT} (or {@code 1.1.0-rc1}) is lower
     * than {@code 1.0.0} and would fail a plugin's {@code >=1.0.0}; a pre-release of the SPI
     * stands in for the release it leads to.
     *
     * @return for example {@code 1.0.0}
     */
    public String systemVersion() {
        return release(version);
    }

    private static String release(String version) {
        int cut = version.length();
        for (char c : new char[] {'-', '+'}) {
            int at = version.indexOf(c);
            if (at >= 0) {
                cut = Math.min(cut, at);
            }
        }
        return version.substring(0, cut);
    }

    @Override
    public String toString() {
        return version;
    }
}
