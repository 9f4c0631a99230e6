package io.ocatopic.kmm.build;

import java.nio.file.Path;

/**
 * Signs one {@code .ko} file in place, on this machine (keys never enter an image). The SDK's
 * {@code io.ocatopic.kmm.sign.ModuleSigner} is adapted to it by {@code ModuleBuilder.signWith}.
 *
 * <pre>{@code
 * ModuleFileSigner signer = ko -> moduleSigner.signInPlace(ko);
 * }</pre>
 */
@FunctionalInterface
public interface ModuleFileSigner {
    /**
     * Signs the module file in place.
     *
     * @param module the {@code .ko} file
     * @throws io.ocatopic.kmm.KmmException when signing fails
     */
    void sign(Path module);
}
