package io.ocatopic.ztp.mirror;

import java.io.InputStream;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * Where a mirror run reads images from and writes them to: a registry ({@link RegistryClient}) or an
 * OCI image layout on disk (a directory, or a tar of one split into volumes). Repository names are
 * the registry's own for a registry and full ({@code registry/repository}) for a layout, which keeps
 * where each image came from in its {@code org.opencontainers.image.ref.name}.
 */
interface ImageStore {
    /** @return the registry host, or a {@code oci:} name for a layout */
    String host();

    /** @return whether repositories are named in full ({@code registry/repository}) */
    default boolean fullNames() {
        return false;
    }

    Optional<String> headManifest(String repository, String reference) throws RegistryException, InterruptedException;

    Manifest getManifest(String repository, String reference) throws RegistryException, InterruptedException;

    InputStream openBlob(String repository, Descriptor blob, LongConsumer progress)
            throws RegistryException, InterruptedException;

    boolean blobExists(String repository, String digest) throws RegistryException, InterruptedException;

    boolean mountBlob(String repository, String digest, String from) throws RegistryException, InterruptedException;

    void pushBlob(String repository, Descriptor blob, InputStream data, long chunkSize)
            throws RegistryException, InterruptedException;

    void putManifest(String repository, String reference, Manifest manifest) throws RegistryException, InterruptedException;

    /**
     * Names an image that has no tag (a layout records it by {@code repository@digest}); registries
     * keep untagged manifests by digest already.
     *
     * @param repository the repository
     * @param manifest   the untagged manifest
     * @throws RegistryException when the store cannot record it
     */
    default void reference(String repository, Manifest manifest) throws RegistryException {
    }
}
