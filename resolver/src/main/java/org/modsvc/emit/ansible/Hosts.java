package org.modsvc.emit.ansible;

import java.util.regex.Pattern;

/** Whether a node's address is a host Ansible can connect to: an IP address or a DNS name. */
final class Hosts {
    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    private Hosts() {}

    /**
     * @param address the node's address as the plan has it; null is not a host
     * @return true for a dotted IPv4 address other than 0.0.0.0, an IPv6 address other than ::
     *     (no zone, no brackets), or a host name of RFC 1123 labels whose last label is not all
     *     digits (so {@code 10.0.1} is neither); false for anything with a port, scheme, path,
     *     prefix length or space
     */
    static boolean isHost(String address) {
        if (address == null || address.isEmpty() || address.length() > 253) return false;
        if (IPV4.matcher(address).matches()) return !address.equals("0.0.0.0");
        if (address.indexOf(':') >= 0) return isIpv6(address);
        String[] labels = address.split("\\.", -1);
        for (String l : labels) if (!LABEL.matcher(l).matches()) return false;
        return !labels[labels.length - 1].chars().allMatch(Character::isDigit);
    }

    private static boolean isIpv6(String a) {
        if (!IPV6.matcher(a).matches()) return false;
        try {
            // A literal of hex digits, colons and dots only: the JDK parses it without a lookup.
            var parsed = java.net.InetAddress.getByName(a);
            return parsed instanceof java.net.Inet6Address && !parsed.isAnyLocalAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
