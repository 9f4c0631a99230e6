package io.ocatopic.kube.internal.oci;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body as an {@link InputStream} whose reads give up after a read-idle deadline (no byte for that
 * long) or a total deadline (the request's end), with a {@link RegistryException} of kind
 * {@link RegistryException.Kind#TIMEOUT}, cancelling the exchange. {@code BodyHandlers.ofInputStream} blocks a
 * reader forever when a server stops sending mid-body; this one never does.
 */
final class DeadlineBodySubscriber implements HttpResponse.BodySubscriber<InputStream> {
    /** Marks the end of the body (complete or failed); compared by identity. */
    private static final List<ByteBuffer> END = new ArrayList<>();

    private final String what;
    private final long idleNanos;
    private final long deadlineNanos;
    private final BlockingQueue<List<ByteBuffer>> queue = new LinkedBlockingQueue<>();
    private final CompletableFuture<InputStream> body = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;
    private volatile Throwable error;

    /**
     * Creates the subscriber.
     *
     * @param what the request, for messages ({@code GET host/path}; never credentials)
     * @param idleNanos the longest wait for the next bytes
     * @param deadlineNanos the {@link System#nanoTime()} by which the whole body must have been read
     */
    DeadlineBodySubscriber(String what, long idleNanos, long deadlineNanos) {
        this.what = what;
        this.idleNanos = idleNanos;
        this.deadlineNanos = deadlineNanos;
    }

    @Override
    public CompletionStage<InputStream> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        body.complete(new Stream());
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        queue.offer(item);
    }

    @Override
    public void onError(Throwable throwable) {
        error = throwable;
        queue.offer(END);
    }

    @Override
    public void onComplete() {
        queue.offer(END);
    }

    private void cancel() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    /** The body stream handed to the caller. */
    private final class Stream extends InputStream {
        private Iterator<ByteBuffer> buffers = List.<ByteBuffer>of().iterator();
        private ByteBuffer current;
        private boolean eof;
        private volatile boolean closed;

        @Override
        public int read() throws IOException {
            return DigestingInputStream.readOne(this);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException(what + ": stream closed");
            }
            if (len == 0) {
                return 0;
            }
            while (current == null || !current.hasRemaining()) {
                if (eof) {
                    return -1;
                }
                if (buffers.hasNext()) {
                    current = buffers.next();
                    continue;
                }
                List<ByteBuffer> next = take();
                if (next == END) {
                    eof = true;
                    Throwable e = error;
                    if (e instanceof RegistryException re) {
                        throw re;
                    }
                    if (e != null) {
                        throw new IOException(what + ": " + e.getMessage(), e);
                    }
                    return -1;
                }
                buffers = next.iterator();
                subscription.request(1);
            }
            int n = Math.min(len, current.remaining());
            current.get(b, off, n);
            return n;
        }

        private List<ByteBuffer> take() throws IOException {
            long left = deadlineNanos - System.nanoTime();
            boolean total = left <= idleNanos;
            List<ByteBuffer> next = null;
            if (left > 0) {
                try {
                    next = queue.poll(Math.min(idleNanos, left), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    close();
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException(what + ": interrupted");
                }
            }
            if (next == null) {
                close();
                throw new RegistryException(RegistryException.Kind.TIMEOUT, 0, what + (total
                        ? ": not finished within the total deadline"
                        : ": no data for " + TimeUnit.NANOSECONDS.toMillis(idleNanos) + " ms (read-idle deadline)"));
            }
            return next;
        }

        @Override
        public int available() {
            return current == null ? 0 : current.remaining();
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                cancel();
                queue.clear();
            }
        }
    }
}
