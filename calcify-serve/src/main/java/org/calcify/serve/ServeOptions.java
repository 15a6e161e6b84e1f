package org.calcify.serve;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

/**
 * How {@code calcify serve} runs.
 *
 * @param cohort       what {@code calcify detect --out} wrote
 * @param host         the address to bind; only a loopback address may go without a token
 * @param port         the port (0: any free one)
 * @param token        the access token every request must carry, or null (loopback only)
 * @param maxBodyBytes the largest request body accepted
 */
public record ServeOptions(Path cohort, String host, int port, AccessToken token, long maxBodyBytes) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8765;
    /** Review requests are a few hundred bytes of JSON; nothing is uploaded. */
    public static final long DEFAULT_MAX_BODY_BYTES = 16 * 1024;

    public ServeOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be 0-65535, got " + port);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("the body limit must be positive, got " + maxBodyBytes);
        }
        if (token == null && !isLoopback(host)) {
            throw new IllegalArgumentException("--host " + host + " is reachable from other machines: it needs a token (--token-file, or one is"
                    + " made and printed)");
        }
    }

    /** True when {@code host} names only this machine (127.0.0.0/8, ::1, localhost). */
    public static boolean isLoopback(String host) {
        try {
            InetAddress[] all = InetAddress.getAllByName(host);
            for (InetAddress a : all) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return all.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
