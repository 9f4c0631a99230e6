package io.ocatopic.kmm.internal.sign;

import io.ocatopic.kmm.KmmException;
import io.ocatopic.kmm.KmmException.Reason;
import io.ocatopic.kmm.sign.ModuleSigner.BatchEntry;
import io.ocatopic.kmm.sign.SignResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Signs many modules, each in place, on a fixed number of threads (RSA signing is CPU-bound, so one thread
 * per core pays off for many small modules). Every module gets its own entry; one failing module does not
 * stop the others.
 */
public final class BatchSigner {
    private BatchSigner() {
    }

    /**
     * @param modules     the modules
     * @param parallelism threads to use (1 = in the calling thread)
     * @param signInPlace signs one module in place
     * @return one entry per module, in order: the result or the failure
     * @throws KmmException {@code INTERRUPTED}, or {@code CRYPTO} when a signing thread fails unexpectedly
     */
    public static List<BatchEntry> signAll(List<Path> modules, int parallelism, Function<Path, SignResult> signInPlace) {
        List<BatchEntry> results = new ArrayList<>(Collections.nCopies(modules.size(), null));
        if (parallelism <= 1 || modules.size() < 2) {
            for (int i = 0; i < modules.size(); i++) {
                results.set(i, signOne(modules.get(i), signInPlace));
            }
            return results;
        }
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "ocatopic-module-sign");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<BatchEntry>> futures = new ArrayList<>();
            for (Path m : modules) {
                futures.add(pool.submit(() -> signOne(m, signInPlace)));
            }
            for (int i = 0; i < futures.size(); i++) {
                results.set(i, futures.get(i).get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KmmException(Reason.INTERRUPTED, "signing was interrupted", e);
        } catch (ExecutionException e) {
            throw new KmmException(Reason.CRYPTO, "signing failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static BatchEntry signOne(Path m, Function<Path, SignResult> signInPlace) {
        try {
            return new BatchEntry(m, Optional.of(signInPlace.apply(m)), Optional.empty());
        } catch (KmmException e) {
            return new BatchEntry(m, Optional.empty(), Optional.of(e));
        }
    }
}
