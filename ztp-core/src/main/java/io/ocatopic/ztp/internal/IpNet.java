package io.ocatopic.ztp.internal;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 network in CIDR notation, for validating the machine, cluster and service networks of a
 * single- or dual-stack cluster ({@link Cidr} is the IPv4-only arithmetic of relocation and the ZTPFW
 * importer). Address text is parsed without name resolution: IPv4 as dotted quads, IPv6 as RFC 4291 text
 * (no zone index).
 *
 * <pre>{@code
 * IpNet v6 = IpNet.parse("fd00:7::/64");
 * v6.contains("fd00:7::10");          // true
 * v6.address(243);                    // "fd00:7::f3"
 * IpNet.parse("192.168.7.0/24").ipv6();   // false
 * }</pre>
 *
 * @param base   the network address
 * @param prefix the prefix length, 0 to 32 (IPv4) or 128 (IPv6)
 * @param ipv6   whether the network is IPv6
 */
public record IpNet(BigInteger base, int prefix, boolean ipv6) {
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    /**
     * Parses {@code a.b.c.d/n} or {@code x:y::z/n}; the host bits must be zero.
     *
     * @param text the CIDR
     * @return the network
     * @throws IllegalArgumentException when malformed
     */
    public static IpNet parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("missing");
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not CIDR notation: " + text);
        }
        String addr = text.substring(0, slash);
        boolean v6 = addr.contains(":");
        BigInteger ip = value(addr);
        int bits = v6 ? 128 : 32;
        int p;
        try {
            p = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad prefix length: " + text);
        }
        if (p < 0 || p > bits) {
            throw new IllegalArgumentException("prefix length outside 0.." + bits + ": " + text);
        }
        BigInteger masked = ip.and(mask(p, bits));
        if (!masked.equals(ip)) {
            throw new IllegalArgumentException("host bits set in network address: " + text);
        }
        return new IpNet(masked, p, v6);
    }

    /**
     * Whether a text is an IPv4 or IPv6 address.
     *
     * @param text the candidate
     * @return {@code true} for a dotted IPv4 or an IPv6 address
     */
    public static boolean isAddress(String text) {
        try {
            value(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Whether a text is an IPv6 address.
     *
     * @param text the candidate
     * @return {@code true} for an IPv6 address
     */
    public static boolean isIpv6(String text) {
        return text != null && text.contains(":") && isAddress(text);
    }

    /**
     * The canonical text of an address, so that {@code fd00::0:1} and {@code fd00::1} compare equal.
     *
     * @param text an address
     * @return its canonical text (IPv4 unchanged), or the text itself when it is no address
     */
    public static String canonical(String text) {
        if (text == null || !text.contains(":")) {
            return text;
        }
        try {
            return format(value(text), true);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    private static BigInteger value(String text) {
        if (text == null) {
            throw new IllegalArgumentException("missing");
        }
        if (!text.contains(":")) {
            return BigInteger.valueOf(Cidr.ipv4(text));
        }
        if (!IPV6_CHARS.matcher(text).matches()) {
            throw new IllegalArgumentException("not an IPv6 address: " + text);
        }
        try {
            // a literal with ':' and only hex digits, ':' and '.' is parsed, never resolved
            byte[] b = InetAddress.getByName(text).getAddress();
            if (b.length != 16) {
                throw new IllegalArgumentException("not an IPv6 address: " + text);
            }
            return new BigInteger(1, b);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv6 address: " + text);
        }
    }

    private static BigInteger mask(int p, int bits) {
        BigInteger all = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        return all.shiftRight(bits - p).shiftLeft(bits - p);
    }

    private int bits() {
        return ipv6 ? 128 : 32;
    }

    /**
     * Whether an address of this network's family lies in it.
     *
     * @param address an address
     * @return {@code true} when inside; {@code false} for the other family or no address
     */
    public boolean contains(String address) {
        if (!isAddress(address) || address.contains(":") != ipv6) {
            return false;
        }
        return value(address).and(mask(prefix, bits())).equals(base);
    }

    /**
     * Whether two networks of the same family share any address.
     *
     * @param other the other network
     * @return {@code true} when they overlap; never for different families
     */
    public boolean overlaps(IpNet other) {
        if (ipv6 != other.ipv6) {
            return false;
        }
        BigInteger m = mask(Math.min(prefix, other.prefix), bits());
        return base.and(m).equals(other.base.and(m));
    }

    /**
     * Whether an address is the network address, or for IPv4 the broadcast address.
     *
     * @param address an address inside the network
     * @return {@code true} for the network address (IPv4 and IPv6: the subnet-router anycast address) or the
     *         IPv4 broadcast address, in networks shorter than /31 (IPv4) or /127 (IPv6)
     */
    public boolean isReserved(String address) {
        if (prefix >= bits() - 1) {
            return false;
        }
        BigInteger v = value(address);
        if (v.equals(base)) {
            return true;
        }
        return !ipv6 && v.equals(base.or(mask(prefix, bits()).not().and(mask(bits(), bits()))));
    }

    /**
     * The address at an offset from the network address.
     *
     * @param hostIndex the offset
     * @return the address text (canonical IPv6)
     */
    public String address(long hostIndex) {
        return format(base.add(BigInteger.valueOf(hostIndex)), ipv6);
    }

    private static String format(BigInteger v, boolean v6) {
        if (!v6) {
            long x = v.longValue();
            return ((x >> 24) & 255) + "." + ((x >> 16) & 255) + "." + ((x >> 8) & 255) + "." + (x & 255);
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = v.shiftRight(16 * (7 - i)).intValue() & 0xFFFF;
        }
        // RFC 5952: the longest run (first on a tie) of two or more zero groups becomes "::"
        int bestAt = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] == 0) {
                int j = i;
                while (j < 8 && g[j] == 0) {
                    j++;
                }
                if (j - i > bestLen) {
                    bestAt = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestAt) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return address(0) + "/" + prefix;
    }
}
