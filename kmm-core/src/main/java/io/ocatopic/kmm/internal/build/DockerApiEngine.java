package io.ocatopic.kmm.internal.build;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.ocatopic.kmm.KmmException;
import io.ocatopic.kmm.build.ContainerEngine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@link ContainerEngine} on any Docker-API engine through docker-java (httpclient5 transport): Docker, or
 * podman's {@code system service}.
 *
 * <pre>{@code
 * try (ContainerEngine engine = DockerApiEngine.connect(System.getenv("DOCKER_HOST"))) {
 *     BuildResult r = ModuleBuilder.forModule("hello")...build(engine, ProgressEvent.Listener.NONE);
 * }
 * }</pre>
 */
public final class DockerApiEngine implements ContainerEngine {
    private final DockerClient client;

    private DockerApiEngine(DockerClient client) {
        this.client = client;
    }

    /**
     * Connects to a Docker API.
     *
     * @param dockerHost for example {@code unix:///run/podman/podman.sock} or {@code tcp://127.0.0.1:2375}
     * @return the engine; close it when done
     * @throws KmmException {@code INVALID} naming {@code dockerHost} when it is empty or not a Docker API URL
     */
    public static DockerApiEngine connect(String dockerHost) {
        if (dockerHost != null && dockerHost.isBlank()) {
            throw new KmmException(KmmException.Reason.INVALID,
                    "dockerHost is empty; give a Docker API URL such as unix:///run/podman/podman.sock");
        }
        DefaultDockerClientConfig cfg;
        ApacheDockerHttpClient http;
        try {
            cfg = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(dockerHost).build();
            http = new ApacheDockerHttpClient.Builder()
                    .dockerHost(cfg.getDockerHost()).sslConfig(cfg.getSSLConfig())
                    .connectionTimeout(Duration.ofSeconds(10)).responseTimeout(Duration.ofHours(1)).build();
        } catch (RuntimeException e) {
            throw new KmmException(KmmException.Reason.INVALID, "dockerHost '" + dockerHost
                    + "' is not a Docker API URL (unix://, tcp://, npipe://): " + e.getMessage(), e);
        }
        return new DockerApiEngine(DockerClientImpl.getInstance(cfg, http));
    }

    /** @return the docker-java client, for operations this interface does not cover */
    public DockerClient client() {
        return client;
    }

    @Override
    public String build(Path context, String dockerfile, Map<String, String> buildArgs, String tag, Consumer<String> log) {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        BuildImageCmd cmd = client.buildImageCmd()
                .withBaseDirectory(context.toFile())
                .withDockerfile(context.resolve(dockerfile).toFile())
                .withTags(Set.of(tag))
                .withRemove(true);
        buildArgs.forEach(cmd::withBuildArg);
        BuildImageResultCallback cb = new BuildImageResultCallback() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public void onNext(BuildResponseItem item) {
                String text = item.getStream();
                if (text == null && item.getErrorDetail() != null) {
                    text = item.getErrorDetail().getMessage() + "\n";
                } else if (text == null && item.getError() != null) {
                    text = item.getError() + "\n";
                }
                if (text != null) {
                    partial.append(text);
                    int nl;
                    while ((nl = partial.indexOf("\n")) >= 0) {
                        String line = partial.substring(0, nl);
                        partial.delete(0, nl + 1);
                        lines.add(line);
                        log.accept(line);
                    }
                }
                super.onNext(item);
            }
        };
        try {
            return cmd.exec(cb).awaitImageId();
        } catch (DockerClientException | DockerException e) {
            List<String> errors = CompilerErrors.extract(lines);
            String detail = errors.isEmpty() ? String.valueOf(e.getMessage()) : String.join("\n", errors);
            throw new KmmException(KmmException.Reason.BUILD_FAILED, "image build of " + tag + " failed:\n" + detail, e);
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new KmmException(KmmException.Reason.INTERRUPTED, "build of " + tag + " interrupted", e);
            }
            throw new KmmException(KmmException.Reason.ENGINE, "container engine failed building " + tag + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void copyOut(String image, String path, Path target) {
        String id = null;
        try {
            id = client.createContainerCmd(image).withCmd("/bin/sh").exec().getId();
            try (InputStream tar = client.copyArchiveFromContainerCmd(id, path).exec()) {
                Tars.extract(tar, target);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof KmmException k) {
                throw k;
            }
            throw new KmmException(KmmException.Reason.ENGINE, "cannot copy " + path + " out of " + image + ": " + e.getMessage(), e);
        } finally {
            if (id != null) {
                try {
                    client.removeContainerCmd(id).withForce(true).exec();
                } catch (RuntimeException ignored) {
                    // best effort: the container was never started
                }
            }
        }
    }

    @Override
    public InputStream save(String image) {
        try {
            return client.saveImageCmd(image).exec();
        } catch (RuntimeException e) {
            throw new KmmException(KmmException.Reason.ENGINE, "cannot export " + image + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            throw new KmmException(KmmException.Reason.ENGINE, "cannot close the engine connection", e);
        }
    }
}
