package dev.glassbox.core.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.Optional;

/** The check that a port listens on loopback only: this machine's other address does not reach it. */
public final class LoopbackOnly {
    private LoopbackOnly() {
    }

    /** Also passes on a machine with no address besides loopback, where there is nothing to reach it from. */
    public static void assertNotReachableFromOutside(int port) throws SocketException {
        Optional<InetAddress> outside = NetworkInterface.networkInterfaces().filter(LoopbackOnly::upAndNotLoopback)
                .flatMap(NetworkInterface::inetAddresses).filter(a -> a instanceof Inet4Address).findFirst();
        if (outside.isPresent()) {
            assertThatThrownBy(() -> new Socket(outside.get(), port).close()).isInstanceOf(ConnectException.class);
        }
    }

    private static boolean upAndNotLoopback(NetworkInterface network) {
        try {
            return network.isUp() && !network.isLoopback();
        } catch (SocketException gone) {
            return false;
        }
    }
}
