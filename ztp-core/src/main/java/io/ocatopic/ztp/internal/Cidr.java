package io.ocatopic.ztp.internal;

import java.util.regex.Pattern;

/**
 * An IPv4 network in CIDR notation, for validation and address arithmetic.
 *
 * <pre>{@code
 * Cidr net = Cidr.parse("192.168.7.0/24");
 * net.contains("192.168.7.10");   // true
 * net.address(243);               // "192.168.7.243"
 * }</pre>
 *
 * @param base   the network address as an unsigned 32-bit value
 * @param prefix the prefix length, 0 to 32
 */
public record Cidr(long base, int prefix) {
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    /**
     * Parses {@code a.b.c.d/n}; the host bits must be zero.
     *
     * @param text the CIDR
     * @return the network
     * @throws IllegalArgumentException when malformed
     */
    public static Cidr parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("missing");
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not CIDR notation (a.b.c.d/n): " + text);
        }
        long ip = ipv4(text.substring(0, slash));
        int p;
        try {
            p = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad prefix length: " + text);
        }
        if (p < 0 || p > 32) {
            throw new IllegalArgumentException("prefix length outside 0..32: " + text);
        }
        Cidr c = new Cidr(ip & mask(p), p);
        if (c.base != ip) {
            throw new IllegalArgumentException("host bits set in network address: " + text);
        }
        return c;
    }

    /**
     * Parses a dotted IPv4 address.
     *
     * @param text the address
     * @return its unsigned 32-bit value
     * @throws IllegalArgumentException when malformed
     */
    public static long ipv4(String text) {
        if (text == null || !IPV4.matcher(text).matches()) {
            throw new IllegalArgumentException("not an IPv4 address: " + text);
        }
        long v = 0;
        for (String part : text.split("\\.")) {
            v = (v << 8) | Integer.parseInt(part);
        }
        return v;
    }

    /**
     * Checks an address's syntax.
     *
     * @param text the candidate
     * @return whether it is a dotted IPv4 address
     */
    public static boolean isIpv4(String text) {
        return text != null && IPV4.matcher(text).matches();
    }

    private static long mask(int p) {
        return p == 0 ? 0 : (0xFFFFFFFFL << (32 - p)) & 0xFFFFFFFFL;
    }

    /**
     * Whether an address lies in this network.
     *
     * @param address a dotted IPv4 address
     * @return {@code true} when inside
     */
    public boolean contains(String address) {
        return (ipv4(address) & mask(prefix)) == base;
    }

    /**
     * Whether two networks share any address.
     *
     * @param other the other network
     * @return {@code true} when they overlap
     */
    public boolean overlaps(Cidr other) {
        int p = Math.min(prefix, other.prefix);
        return (base & mask(p)) == (other.base & mask(p));
    }

    /**
     * The address at an offset from the network address.
     *
     * @param hostIndex the offset
     * @return the dotted address
     */
    public String address(long hostIndex) {
        long v = base + hostIndex;
        return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
    }

    /**
     * Whether an address is this network's network or broadcast address.
     *
     * @param address a dotted address inside the network
     * @return {@code true} for the first or last address of a network shorter than /31
     */
    public boolean isReserved(String address) {
        if (prefix >= 31) {
            return false;
        }
        long v = ipv4(address);
        return v == base || v == (base | (~mask(prefix) & 0xFFFFFFFFL));
    }

    @Override
    public String toString() {
        return address(0) + "/" + prefix;
    }
}
