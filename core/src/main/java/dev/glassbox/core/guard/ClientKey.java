package dev.glassbox.core.guard;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * What per-client limits count by: an IPv4 address whole, an IPv6 address by its /64 network. One
 * subscriber or host is usually given a whole /64, so keyed per address a single IPv6 client would be
 * 2^64 clients, each with a fresh quota of sockets, questions and conversations.
 */
public final class ClientKey {
    private ClientKey() {
    }

    /** The key of a client address as the server sees it; anything that is not an IP literal is its own key. */
    public static String of(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return address; // IPv4, or a name such as "unknown": never looked up
        }
        int zone = address.indexOf('%');
        InetAddress parsed;
        try {
            // A literal with ':' is parsed, never resolved.
            parsed = InetAddress.getByName(zone < 0 ? address : address.substring(0, zone));
        } catch (UnknownHostException | IllegalArgumentException notAnAddress) {
            return address;
        }
        if (!(parsed instanceof Inet6Address)) {
            return parsed.getHostAddress(); // an IPv4-mapped IPv6 address is its IPv4 client
        }
        byte[] bytes = parsed.getAddress();
        StringBuilder network = new StringBuilder(24);
        for (int i = 0; i < 8; i += 2) {
            network.append(Integer.toHexString((bytes[i] & 0xff) << 8 | bytes[i + 1] & 0xff)).append(':');
        }
        return network.append(":/64").toString();
    }
}
