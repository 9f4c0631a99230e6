package io.ocatopic.ztp.mirror;

import java.nio.file.Path;
import java.util.List;

/** Child process for the kill -9 test: pushes an archive with a journal, pausing after each finished blob. */
final class SlowPushMain {
    private SlowPushMain() {
    }

    public static void main(String[] args) {
        RegistryMirror.builder().destination(args[0], RegistryOptions.insecurePlainHttp()).parallelism(1)
                .journal(Path.of(args[1]))
                .listener(e -> {
                    if (TestImages.blobDone(e)) {
                        try {
                            Thread.sleep(400);
                        } catch (InterruptedException ie) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }).build().mirrorFrom(List.of(Path.of(args[2])));
    }
}
