package io.ocatopic.kube.internal.oci;

import java.io.InputStream;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * Where a mirror run reads images from and writes them to: a registry ({@link RegistryClient}) or an
 * OCI image layout on disk (a directory, or a tar of one split into volumes). Repository names are
 * the registry's own for a registry and full ({@code registry/repository}) for a layout, which keeps
 * where each image came from in its {@code org.opencontainers.image.ref.name}.
 */
public interface ImageStore {
    /** @return the registry host, or a {@code oci:} name for a layout */
    String host();

    /** @return whether repositories are named in full ({@code registry/repository}) */
    default boolean fullNames() {
        return false;
    }

    /**
     * @param repository the repository
     * @param reference a tag or digest
     * @return the digest it points to, empty when absent
     * @throws RegistryException when the store fails
     * @throws InterruptedException when interrupted
     */
    Optional<String> headManifest(String repository, String reference) throws RegistryException, InterruptedException;

    /**
     * @param repository the repository
     * @param reference a tag or digest
     * @return the manifest, digest checked
     * @throws RegistryException when missing or malformed
     * @throws InterruptedException when interrupted
     */
    Manifest getManifest(String repository, String reference) throws RegistryException, InterruptedException;

    /**
     * @param repository the repository
     * @param blob the blob
     * @param progress receives the bytes of each read
     * @return a stream that verifies digest and size
     * @throws RegistryException when missing
     * @throws InterruptedException when interrupted
     */
    InputStream openBlob(String repository, Descriptor blob, LongConsumer progress)
            throws RegistryException, InterruptedException;

    /**
     * @param repository the repository
     * @param digest the blob digest
     * @return whether the store has it
     * @throws RegistryException when the store fails
     * @throws InterruptedException when interrupted
     */
    boolean blobExists(String repository, String digest) throws RegistryException, InterruptedException;

    /**
     * @param repository the destination repository
     * @param digest the blob digest
     * @param from the repository that has it
     * @return whether it was mounted without sending it
     * @throws RegistryException when the store fails
     * @throws InterruptedException when interrupted
     */
    boolean mountBlob(String repository, String digest, String from) throws RegistryException, InterruptedException;

    /**
     * @param repository the repository
     * @param blob the blob
     * @param data its content, closed here
     * @param chunkSize upload chunk size, or 0
     * @throws RegistryException when refused or the content does not match
     * @throws InterruptedException when interrupted
     */
    void pushBlob(String repository, Descriptor blob, InputStream data, long chunkSize)
            throws RegistryException, InterruptedException;

    /**
     * @param repository the repository
     * @param reference a tag or the manifest's digest
     * @param manifest the manifest
     * @throws RegistryException when refused
     * @throws InterruptedException when interrupted
     */
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
