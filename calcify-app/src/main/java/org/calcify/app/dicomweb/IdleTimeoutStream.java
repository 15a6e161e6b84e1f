package org.calcify.app.dicomweb;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * An answer's body that is closed when no byte arrives for the read timeout ({@code java.net.http} times out
 * only the wait for the headers): a read then throws {@link IdleException} instead of blocking forever.
 */
final class IdleTimeoutStream extends FilterInputStream {
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "calcify-dicomweb-watchdog");
        t.setDaemon(true);
        return t;
    });

    /** No data arrived for the read timeout. */
    static final class IdleException extends IOException {
        private static final long serialVersionUID = 1L;

        IdleException() {
            super("no data for the read timeout");
        }
    }

    private final long timeoutNanos;
    private final ScheduledFuture<?> check;
    private volatile long lastRead = System.nanoTime();
    private volatile boolean idle;

    IdleTimeoutStream(InputStream in, Duration timeout) {
        super(in);
        this.timeoutNanos = timeout.toNanos();
        long periodMs = Math.max(50, Math.min(1000, timeout.toMillis() / 4));
        this.check = WATCHDOG.scheduleAtFixedRate(this::checkIdle, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    private void checkIdle() {
        if (System.nanoTime() - lastRead > timeoutNanos) {
            idle = true;
            check.cancel(false);
            try {
                in.close();
            } catch (IOException e) {
                // the reader sees the close
            }
        }
    }

    @Override
    public int read() throws IOException {
        try {
            int b = super.read();
            lastRead = System.nanoTime();
            return b;
        } catch (IOException e) {
            throw idle ? new IdleException() : e;
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            int n = super.read(b, off, len);
            lastRead = System.nanoTime();
            if (idle) {
                throw new IdleException();
            }
            return n;
        } catch (IOException e) {
            throw idle ? new IdleException() : e;
        }
    }

    @Override
    public void close() throws IOException {
        check.cancel(false);
        super.close();
    }
}
