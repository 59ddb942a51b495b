package dev.multipool.api;

/** Strict text parsing and canonical formatting of {@link IpAddress}. */
final class IpAddressParser {

    private IpAddressParser() {
    }

    /** Returns the address, or null when the text is not four decimal octets without leading zeros. */
    static IpAddress parseIpv4(String text) {
        long value = parseIpv4Value(text, 0, text.length());
        return value < 0 ? null : IpAddress.ipv4(value);
    }

    private static long parseIpv4Value(String text, int from, int to) {
        long value = 0;
        int parts = 0;
        int index = from;
        while (index <= to && parts < 4) {
            int start = index;
            int octet = 0;
            while (index < to && text.charAt(index) >= '0' && text.charAt(index) <= '9') {
                octet = octet * 10 + (text.charAt(index) - '0');
                index++;
                if (index - start > 3) {
                    return -1;
                }
            }
            int digits = index - start;
            if (digits == 0 || octet > 255 || (digits > 1 && text.charAt(start) == '0')) {
                return -1;
            }
            value = (value << 8) | octet;
            parts++;
            if (parts < 4) {
                if (index >= to || text.charAt(index) != '.') {
                    return -1;
                }
                index++;
            }
        }
        return parts == 4 && index == to ? value : -1;
    }

    /** Returns the address, or null when the text is not standard IPv6 text. */
    static IpAddress parseIpv6(String text) {
        int length = text.length();
        if (length < 2 || length > 45) {
            return null;
        }
        int[] groups = new int[8];
        int count = 0;
        int gapAt = -1;
        int index = 0;
        if (text.startsWith("::")) {
            gapAt = 0;
            index = 2;
            if (index == length) {
                return IpAddress.ipv6(0, 0);
            }
        } else if (text.charAt(0) == ':') {
            return null;
        }
        while (index < length) {
            if (count == 8) {
                return null;
            }
            int start = index;
            int group = 0;
            while (index < length && hexValue(text.charAt(index)) >= 0) {
                group = (group << 4) | hexValue(text.charAt(index));
                index++;
            }
            int digits = index - start;
            if (index < length && text.charAt(index) == '.') {
                // embedded IPv4 in the last 32 bits
                if (count > 6) {
                    return null;
                }
                long v4 = parseIpv4Value(text, start, length);
                if (v4 < 0) {
                    return null;
                }
                groups[count++] = (int) (v4 >>> 16);
                groups[count++] = (int) (v4 & 0xFFFF);
                index = length;
                break;
            }
            if (digits == 0 || digits > 4) {
                return null;
            }
            groups[count++] = group;
            if (index == length) {
                break;
            }
            if (text.charAt(index) != ':') {
                return null;
            }
            index++;
            if (index < length && text.charAt(index) == ':') {
                if (gapAt >= 0) {
                    return null;
                }
                gapAt = count;
                index++;
                if (index == length) {
                    break;
                }
            } else if (index == length) {
                return null;
            }
        }
        if (gapAt < 0 && count != 8) {
            return null;
        }
        if (gapAt >= 0) {
            if (count == 8) {
                return null;
            }
            int tail = count - gapAt;
            int[] expanded = new int[8];
            System.arraycopy(groups, 0, expanded, 0, gapAt);
            System.arraycopy(groups, gapAt, expanded, 8 - tail, tail);
            groups = expanded;
        }
        long high = 0;
        long low = 0;
        for (int i = 0; i < 4; i++) {
            high = (high << 16) | groups[i];
            low = (low << 16) | groups[i + 4];
        }
        return IpAddress.ipv6(high, low);
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    static String formatIpv4(long value) {
        return ((value >>> 24) & 0xFF) + "." + ((value >>> 16) & 0xFF) + "." + ((value >>> 8) & 0xFF) + "." + (value & 0xFF);
    }

    static String formatIpv6(long high, long low) {
        int[] groups = new int[8];
        for (int i = 0; i < 4; i++) {
            groups[i] = (int) ((high >>> (48 - 16 * i)) & 0xFFFF);
            groups[i + 4] = (int) ((low >>> (48 - 16 * i)) & 0xFFFF);
        }
        if (high == 0 && (low >>> 32) == 0xFFFFL) {
            return "::ffff:" + formatIpv4(low & 0xFFFF_FFFFL);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            if (j > i) {
                i = j;
            }
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
