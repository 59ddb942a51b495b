package dev.multipool.dist;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the standalone node document ({@code <state-dir>/standalone/ciliumnode.json}) as stored on disk. */
final class NodeDocument {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<String> cidrs;

    private NodeDocument(List<String> cidrs) {
        this.cidrs = cidrs;
    }

    /** Reads the CIDRs of one pool in {@code spec.ipam.pools.allocated}. */
    static NodeDocument read(Path file, String pool) throws IOException {
        List<String> cidrs = new ArrayList<>();
        JsonNode root = JSON.readTree(file.toFile());
        for (JsonNode allocation : root.at("/spec/ipam/pools/allocated")) {
            if (pool.equals(allocation.get("pool").asString())) {
                allocation.get("cidrs").forEach(cidr -> cidrs.add(cidr.asString()));
            }
        }
        return new NodeDocument(cidrs);
    }

    List<String> cidrs() {
        return cidrs;
    }

    /** Whether one of the allocated CIDRs contains the address. */
    boolean covers(String ip) throws IOException {
        for (String cidr : cidrs) {
            if (contains(cidr, ip)) {
                return true;
            }
        }
        return false;
    }

    static boolean contains(String cidr, String ip) throws IOException {
        int slash = cidr.indexOf('/');
        byte[] network = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
        byte[] address = InetAddress.getByName(ip).getAddress();
        if (network.length != address.length) {
            return false;
        }
        int bits = network.length * 8;
        int prefix = Integer.parseInt(cidr.substring(slash + 1));
        BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                .shiftRight(prefix).not().and(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
        return new BigInteger(1, network).and(mask).equals(new BigInteger(1, address).and(mask));
    }
}
