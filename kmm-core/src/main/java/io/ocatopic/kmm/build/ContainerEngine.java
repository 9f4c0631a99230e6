package io.ocatopic.kmm.build;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The container engine operations the module build needs; {@link #connect(String)} gives the implementation
 * on any Docker-API engine (Docker, podman's service).
 *
 * <pre>{@code
 * try (ContainerEngine engine = ContainerEngine.connect("unix:///run/podman/podman.sock")) {
 *     BuildResult r = builder.build(engine, ProgressEvent.Listener.NONE);   // a configured ModuleBuilder
 * }
 * }</pre>
 */
public interface ContainerEngine extends AutoCloseable {
    /**
     * Connects to a Docker API (docker-java, httpclient5 transport).
     *
     * @param dockerHost for example {@code unix:///run/podman/podman.sock} or {@code tcp://127.0.0.1:2375}
     * @return the engine; close it when done
     * @throws io.ocatopic.kmm.KmmException {@code INVALID} naming {@code dockerHost} when it is empty or not a
     *         Docker API URL
     */
    static ContainerEngine connect(String dockerHost) {
        return io.ocatopic.kmm.internal.build.DockerApiEngine.connect(dockerHost);
    }

    /**
     * Builds an image.
     *
     * @param context    the build context directory
     * @param dockerfile the Dockerfile's path relative to the context
     * @param buildArgs  build arguments
     * @param tag        the tag to give the image
     * @param log        receives every output line
     * @return the image id
     * @throws io.ocatopic.kmm.KmmException {@code BUILD_FAILED} with the error lines, or {@code ENGINE}
     */
    String build(Path context, String dockerfile, Map<String, String> buildArgs, String tag, Consumer<String> log);

    /**
     * Copies a path out of an image (through a created, never started, container) into a directory.
     *
     * @param image  the image id or tag
     * @param path   the absolute path inside the image
     * @param target the directory the tar stream is unpacked into
     * @throws io.ocatopic.kmm.KmmException {@code ENGINE} when the path is missing or the engine fails
     */
    void copyOut(String image, String path, Path target);

    /**
     * Exports an image as a docker-archive tar ({@code manifest.json}, config, uncompressed layers).
     *
     * @param image the image id or tag
     * @return the tar stream; the caller closes it
     */
    InputStream save(String image);

    /** Releases the connection. */
    @Override
    void close();
}
