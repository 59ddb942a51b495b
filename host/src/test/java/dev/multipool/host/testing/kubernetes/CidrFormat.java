package dev.multipool.host.testing.kubernetes;

import com.networknt.schema.ExecutionContext;
import com.networknt.schema.format.Format;
import dev.multipool.api.Cidr;

/**
 * The {@code cidr} string format of Kubernetes' structural schemas: an address and a prefix
 * length that Go's {@code net.ParseCIDR} accepts (host bits may be set; no leading zeros, no
 * zone). JSON Schema itself has no such format, so {@link CiliumNodeSchema} registers this one.
 */
final class CidrFormat implements Format {

    @Override
    public String getName() {
        return "cidr";
    }

    @Override
    public String getMessageKey() {
        return "format";
    }

    @Override
    public boolean matches(ExecutionContext context, String value) {
        try {
            Cidr.parse(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
