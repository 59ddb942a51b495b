package dev.multipool.examples.vm;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.PoolName;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who holds a VM address: {@code <namespace>/<vm>}, or {@code <namespace>/<vm>/<interface>} for a
 * VM with several network interfaces, each its own owner.
 *
 * @param namespace the VM's namespace (a DNS-1123 label)
 * @param vm the VM's name (a DNS-1123 subdomain)
 * @param nic the interface name, if the owner names one
 */
public record VmOwner(String namespace, String vm, Optional<String> nic) {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern NIC = Pattern.compile("[A-Za-z0-9][-A-Za-z0-9_.]{0,14}");

    /** Validates the parts. */
    public VmOwner {
        requireNonNull(namespace, "namespace is null");
        requireNonNull(vm, "vm is null");
        requireNonNull(nic, "nic is null");
        if (!LABEL.matcher(namespace).matches()) {
            throw new IllegalArgumentException("namespace \"" + namespace + "\" is not a DNS-1123 label");
        }
        if (!PoolName.isValid(vm)) { // a VM name is a DNS-1123 subdomain, as a pool name is
            throw new IllegalArgumentException("VM name \"" + vm + "\" is not a DNS-1123 subdomain");
        }
        nic.ifPresent(name -> {
            if (!NIC.matcher(name).matches()) {
                throw new IllegalArgumentException("interface name \"" + name + "\" is not a Linux interface name");
            }
        });
    }

    /**
     * Parses an owner string.
     *
     * @param owner the owner of an IPAM request
     * @return the owner
     * @throws IllegalArgumentException saying what is wrong, in words that name the expected form
     */
    public static VmOwner parse(String owner) {
        requireNonNull(owner, "owner is null");
        String[] parts = owner.split("/", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("owner \"" + owner + "\" is not <namespace>/<vm>[/<interface>]");
        }
        try {
            return new VmOwner(parts[0], parts[1], parts.length == 3 ? Optional.of(parts[2]) : Optional.empty());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("owner \"" + owner + "\": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return namespace + "/" + vm + nic.map(name -> "/" + name).orElse("");
    }
}
