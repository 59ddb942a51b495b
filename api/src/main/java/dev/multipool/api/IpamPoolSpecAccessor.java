package dev.multipool.api;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link PoolSectionAccessor} for Cilium's {@code IPAMPoolSpec} shape at a fixed path. */
final class IpamPoolSpecAccessor implements PoolSectionAccessor {

    private static final String REQUESTED = "requested";
    private static final String ALLOCATED = "allocated";
    private static final String POOL = "pool";
    private static final String NEEDED = "needed";
    private static final String CIDRS = "cidrs";
    private static final String IPV4_ADDRS = "ipv4-addrs";
    private static final String IPV6_ADDRS = "ipv6-addrs";

    private final List<String> path;
    private final String[] pathArray;
    private final String description;

    IpamPoolSpecAccessor(List<String> path) {
        requireNonNull(path, "path is null");
        if (path.isEmpty()) {
            throw new IllegalArgumentException("path is empty");
        }
        this.path = List.copyOf(path);
        this.pathArray = path.toArray(String[]::new);
        this.description = String.join(".", path);
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public PoolSection read(ResourceDocument node) {
        Object section = node.get(pathArray).orElse(null);
        if (section == null) {
            return PoolSection.EMPTY;
        }
        if (!(section instanceof Map<?, ?> map)) {
            throw new InvalidPoolSectionException(description + ": expected an object, found " + section, null);
        }
        return new PoolSection(readRequested(map.get(REQUESTED)), readAllocated(map.get(ALLOCATED)));
    }

    private List<PoolRequest> readRequested(Object value) {
        List<PoolRequest> out = new ArrayList<>();
        List<?> entries = listAt(value, description + "." + REQUESTED);
        for (int i = 0; i < entries.size(); i++) {
            String where = description + "." + REQUESTED + "[" + i + "]";
            Map<?, ?> entry = mapAt(entries.get(i), where);
            PoolName pool = poolAt(entry.get(POOL), where);
            Object needed = entry.get(NEEDED);
            int v4 = 0;
            int v6 = 0;
            if (needed != null) {
                Map<?, ?> neededMap = mapAt(needed, where + "." + NEEDED);
                v4 = countAt(neededMap.get(IPV4_ADDRS), where + "." + NEEDED + "." + IPV4_ADDRS, pool);
                v6 = countAt(neededMap.get(IPV6_ADDRS), where + "." + NEEDED + "." + IPV6_ADDRS, pool);
            }
            out.add(new PoolRequest(pool, new PoolDemand(v4, v6)));
        }
        return out;
    }

    private List<PoolAllocation> readAllocated(Object value) {
        List<PoolAllocation> out = new ArrayList<>();
        List<?> entries = listAt(value, description + "." + ALLOCATED);
        for (int i = 0; i < entries.size(); i++) {
            String where = description + "." + ALLOCATED + "[" + i + "]";
            Map<?, ?> entry = mapAt(entries.get(i), where);
            PoolName pool = poolAt(entry.get(POOL), where);
            List<?> texts = listAt(entry.get(CIDRS), where + "." + CIDRS);
            List<Cidr> cidrs = new ArrayList<>(texts.size());
            for (int j = 0; j < texts.size(); j++) {
                Object text = texts.get(j);
                String cidrWhere = where + "." + CIDRS + "[" + j + "]";
                if (!(text instanceof String cidrText)) {
                    throw new InvalidPoolSectionException(cidrWhere + ": expected a CIDR string, found " + text
                            + " (pool \"" + pool + "\")", pool);
                }
                try {
                    cidrs.add(Cidr.parse(cidrText));
                } catch (IllegalArgumentException e) {
                    throw new InvalidPoolSectionException(cidrWhere + ": " + e.getMessage() + " (pool \"" + pool + "\")", pool);
                }
            }
            out.add(new PoolAllocation(pool, cidrs));
        }
        return out;
    }

    private static List<?> listAt(Object value, String where) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new InvalidPoolSectionException(where + ": expected a list, found " + value, null);
        }
        return list;
    }

    private static Map<?, ?> mapAt(Object value, String where) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new InvalidPoolSectionException(where + ": expected an object, found " + value, null);
        }
        return map;
    }

    private static PoolName poolAt(Object value, String where) {
        if (!(value instanceof String name) || !PoolName.isValid(name)) {
            throw new InvalidPoolSectionException(where + "." + POOL + ": invalid pool name " + quote(value), null);
        }
        return new PoolName(name);
    }

    private static int countAt(Object value, String where, PoolName pool) {
        if (value == null) {
            return 0;
        }
        if (value instanceof Long number && number >= 0 && number <= Integer.MAX_VALUE) {
            return number.intValue();
        }
        throw new InvalidPoolSectionException(where + ": expected a count from 0 to " + Integer.MAX_VALUE
                + ", found " + quote(value) + " (pool \"" + pool + "\")", pool);
    }

    private static String quote(Object value) {
        return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    }

    @Override
    public ResourceDocument write(ResourceDocument node, PoolSection section) {
        Map<String, Object> existing = node.getMap(pathArray).orElse(Map.of());
        Map<String, Object> out = new LinkedHashMap<>(existing);
        out.remove(REQUESTED);
        out.remove(ALLOCATED);
        if (!section.requested().isEmpty()) {
            out.put(REQUESTED, requestedToTree(section.requested()));
        }
        if (!section.allocated().isEmpty()) {
            out.put(ALLOCATED, allocatedToTree(section.allocated()));
        }
        if (out.isEmpty()) {
            return node.without(path);
        }
        return node.with(path, out);
    }

    private static List<Object> requestedToTree(List<PoolRequest> requested) {
        List<Object> entries = new ArrayList<>(requested.size());
        for (PoolRequest request : requested) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put(POOL, request.pool().value());
            Map<String, Object> needed = new LinkedHashMap<>();
            if (request.needed().ipv4Addrs() != 0) {
                needed.put(IPV4_ADDRS, (long) request.needed().ipv4Addrs());
            }
            if (request.needed().ipv6Addrs() != 0) {
                needed.put(IPV6_ADDRS, (long) request.needed().ipv6Addrs());
            }
            if (!needed.isEmpty()) {
                entry.put(NEEDED, needed);
            }
            entries.add(entry);
        }
        return entries;
    }

    private static List<Object> allocatedToTree(List<PoolAllocation> allocated) {
        List<Object> entries = new ArrayList<>(allocated.size());
        for (PoolAllocation allocation : allocated) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put(POOL, allocation.pool().value());
            if (!allocation.cidrs().isEmpty()) {
                entry.put(CIDRS, allocation.cidrs().stream().map(Cidr::toString).toList());
            }
            entries.add(entry);
        }
        return entries;
    }

    @Override
    public String toString() {
        return "PoolSectionAccessor[" + description + "]";
    }
}
