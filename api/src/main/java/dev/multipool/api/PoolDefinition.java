package dev.multipool.api;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pool object (CiliumPodIPPool, CiliumResourceIPPool, or a third party's kind of the same shape)
 * as the host's {@link PoolCatalog} delivers it.
 *
 * @param kind the kind of the object
 * @param name the pool name ({@code metadata.name})
 * @param ipv4 the IPv4 part of {@code spec}, if the pool offers IPv4
 * @param ipv6 the IPv6 part of {@code spec}, if the pool offers IPv6
 * @param allowFirstIp {@code spec.allowFirstIP}: the first address of each block is usable
 * @param allowLastIp {@code spec.allowLastIP}: the last address of each block is usable
 * @param resource the whole object, for fields only one consumer reads (selectors, annotations)
 */
public record PoolDefinition(PoolKind kind, PoolName name, Optional<FamilyPool> ipv4, Optional<FamilyPool> ipv6,
                             boolean allowFirstIp, boolean allowLastIp, ResourceDocument resource) {

    /** The annotation whose value {@code "true"} makes a pool's addresses skip masquerading. */
    public static final String SKIP_MASQUERADE_ANNOTATION = "ipam.cilium.io/skip-masquerade";

    /** Validates the parts. */
    public PoolDefinition {
        requireNonNull(kind, "kind is null");
        requireNonNull(name, "name is null");
        requireNonNull(ipv4, "ipv4 is null");
        requireNonNull(ipv6, "ipv6 is null");
        requireNonNull(resource, "resource is null");
        ipv4.ifPresent(part -> requireFamily(part, Family.IPV4, name));
        ipv6.ifPresent(part -> requireFamily(part, Family.IPV6, name));
    }

    private static void requireFamily(FamilyPool part, Family family, PoolName name) {
        if (part.family() != family) {
            throw new IllegalArgumentException("pool \"" + name + "\": spec." + family + " holds " + part.family() + " CIDRs");
        }
    }

    /**
     * Reads a pool object. Both CIDR shapes are accepted: plain strings ({@code v2alpha1}) and
     * objects {@code {cidr: ...}} ({@code v2}).
     *
     * @param kind the kind the object belongs to
     * @param resource the object
     * @return the definition
     * @throws IllegalArgumentException naming the pool and field when the object is invalid
     */
    public static PoolDefinition parse(PoolKind kind, ResourceDocument resource) {
        String rawName = resource.name();
        if (!PoolName.isValid(rawName)) {
            throw new IllegalArgumentException(kind.kind() + " has an invalid metadata.name \"" + rawName + "\"");
        }
        PoolName name = new PoolName(rawName);
        return new PoolDefinition(kind, name,
                familyPart(resource, name, Family.IPV4), familyPart(resource, name, Family.IPV6),
                flag(resource, name, "allowFirstIP"), flag(resource, name, "allowLastIP"), resource);
    }

    private static Optional<FamilyPool> familyPart(ResourceDocument resource, PoolName name, Family family) {
        Object part = resource.get("spec", family.wireName()).orElse(null);
        if (part == null) {
            return Optional.empty();
        }
        String where = "pool \"" + name + "\": spec." + family.wireName();
        if (!(part instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(where + " must be an object");
        }
        if (!(map.get("cidrs") instanceof List<?> texts) || texts.isEmpty()) {
            throw new IllegalArgumentException(where + ".cidrs must be a non-empty list");
        }
        List<Cidr> cidrs = new ArrayList<>();
        for (Object item : texts) {
            Object text = item instanceof Map<?, ?> object ? object.get("cidr") : item;
            if (!(text instanceof String cidrText)) {
                throw new IllegalArgumentException(where + ".cidrs holds " + item + ", not a CIDR");
            }
            Cidr cidr;
            try {
                cidr = Cidr.parse(cidrText);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ".cidrs: " + e.getMessage(), e);
            }
            if (cidr.family() != family) {
                throw new IllegalArgumentException(where + ".cidrs: " + cidr + " is not " + family);
            }
            cidrs.add(cidr);
        }
        if (!(map.get("maskSize") instanceof Long maskSize)) {
            throw new IllegalArgumentException(where + ".maskSize must be an integer");
        }
        if (maskSize < 1 || maskSize > family.bits()) {
            throw new IllegalArgumentException(where + ".maskSize " + maskSize + " out of range 1.." + family.bits());
        }
        try {
            return Optional.of(new FamilyPool(cidrs, maskSize.intValue()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static boolean flag(ResourceDocument resource, PoolName name, String field) {
        Object value = resource.get("spec", field).orElse(Boolean.FALSE);
        if (!(value instanceof Boolean bool)) {
            throw new IllegalArgumentException("pool \"" + name + "\": spec." + field + " must be a boolean");
        }
        return bool;
    }

    /**
     * Returns the part of one family.
     *
     * @param family the family
     * @return the part, if the pool offers that family
     */
    public Optional<FamilyPool> family(Family family) {
        return family == Family.IPV4 ? ipv4 : ipv6;
    }

    /**
     * Returns the object's annotations.
     *
     * @return the annotations
     */
    public Map<String, String> annotations() {
        return resource.annotations();
    }

    /**
     * Returns whether the object carries {@code ipam.cilium.io/skip-masquerade: "true"}.
     *
     * @return true when addresses of the pool skip masquerading
     */
    public boolean skipMasqueradeAnnotated() {
        return "true".equals(annotations().get(SKIP_MASQUERADE_ANNOTATION));
    }

    /**
     * Reads a label selector from {@code spec.<field>}.
     *
     * @param field for example {@code podSelector} or {@code nodeSelector}
     * @return the selector, or empty when the field is absent
     * @throws IllegalArgumentException naming the pool when the selector is invalid
     */
    public Optional<LabelSelector> selector(String field) {
        Optional<Object> tree = resource.get("spec", field);
        try {
            return tree.map(LabelSelector::parse);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pool \"" + name + "\": spec." + field + ": " + e.getMessage(), e);
        }
    }
}
