package dev.multipool.plugins.dra.claims;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.PoolName;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The claim and device an address owner of the claim controller names. The controller writes its
 * owners as {@code <namespace>/<claim name>/<device>} (ARCHITECTURE.md 7.2, {@link ClaimKey#owner});
 * only strings of exactly that form, with a valid namespace (DNS label), claim name (DNS subdomain)
 * and device name (DNS label), are read back. Anything else is some other caller's owner (an
 * external DRA driver using {@code /v1/consumers/dra/ipam}) and is never touched by the controller.
 *
 * @param claim the claim
 * @param device the device name
 */
record ClaimOwner(ClaimKey claim, String device) {

    private static final String LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final Pattern DNS_LABEL = Pattern.compile(LABEL);
    private static final int LABEL_MAX = 63;

    /** Validates the parts. */
    ClaimOwner {
        requireNonNull(claim, "claim is null");
        requireNonNull(device, "device is null");
    }

    /**
     * Reads an owner string written by the controller.
     *
     * @param owner the owner of an address
     * @return the claim and device, or empty when the owner is not of the controller's form
     */
    static Optional<ClaimOwner> parse(String owner) {
        requireNonNull(owner, "owner is null");
        String[] parts = owner.split("/", -1);
        // a claim name is a DNS-1123 subdomain, the same rule as a pool name
        if (parts.length != 3 || !label(parts[0]) || !label(parts[2]) || !PoolName.isValid(parts[1])) {
            return Optional.empty();
        }
        return Optional.of(new ClaimOwner(new ClaimKey(parts[0], parts[1]), parts[2]));
    }

    private static boolean label(String text) {
        return text.length() <= LABEL_MAX && DNS_LABEL.matcher(text).matches();
    }

    @Override
    public String toString() {
        return claim.owner(device);
    }
}
