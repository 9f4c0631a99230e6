package io.ocatopic.kmm.internal.resources;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.ocatopic.kmm.ModuleBuilder.SigningMaterial;
import io.ocatopic.kmm.ModuleSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Rendering for users who let KMM build and sign in the cluster: the Dockerfile ConfigMap (key
 * {@value #DOCKERFILE_KEY}), the signing Secrets (keys {@value #KEY_KEY} and {@value #CERT_KEY}) and a Module
 * whose container carries the {@code build} and {@code sign} sections. Key names come from
 * kubernetes-sigs/kernel-module-management {@code internal/constants/constants.go} ({@code DockerfileCMKey},
 * {@code PrivateSignDataKey}, {@code PublicSignDataKey}).
 *
 * <pre>{@code
 * List<HasMetadata> objects = InClusterBuild.render(spec, dockerfileText,
 *         Optional.of(new ModuleBuilder.SigningMaterial(keyPem, certDer)));
 * applier.applyAll(objects);
 * }</pre>
 */
public final class InClusterBuild {
    /** The ConfigMap key KMM reads the Dockerfile from. */
    public static final String DOCKERFILE_KEY = "dockerfile";
    /** The Secret key KMM reads the private signing key from. */
    public static final String KEY_KEY = "key";
    /** The Secret key KMM reads the signing certificate from. */
    public static final String CERT_KEY = "cert";

    private InClusterBuild() {
    }

    /**
     * @param spec the spec
     * @return the name of the Dockerfile ConfigMap
     */
    public static String dockerfileConfigMapName(ModuleSpec spec) {
        return spec.name() + "-dockerfile";
    }

    /**
     * @param spec the spec
     * @return the name of the signing-key Secret
     */
    public static String keySecretName(ModuleSpec spec) {
        return spec.name() + "-signing-key";
    }

    /**
     * @param spec the spec
     * @return the name of the signing-certificate Secret
     */
    public static String certSecretName(ModuleSpec spec) {
        return spec.name() + "-signing-cert";
    }

    /**
     * The Dockerfile a Makefile source is built with in the cluster: compile against the node kernel's
     * headers, install under {@code dirName/lib/modules/$KERNEL_FULL_VERSION}, run depmod, and copy the result
     * into a small final image.
     *
     * @param spec         the spec
     * @param builderImage an image with gcc, make, kmod and the kernel headers
     * @param baseImage    the final image's base (must provide {@code sh}, {@code mkdir} and {@code cp})
     * @return the Dockerfile text
     */
    public static String makefileDockerfile(ModuleSpec spec, String builderImage, String baseImage) {
        String d = spec.dirName();
        return "FROM " + builderImage + " AS builder\n"
                + "ARG KERNEL_FULL_VERSION\n"
                + "WORKDIR /build\n"
                + "COPY . /build/\n"
                + "RUN make -C /usr/src/linux-headers-${KERNEL_FULL_VERSION} M=/build modules \\\n"
                + " && mkdir -p " + d + "/lib/modules/${KERNEL_FULL_VERSION} \\\n"
                + " && find /build -name '*.ko' -exec cp {} " + d + "/lib/modules/${KERNEL_FULL_VERSION}/ \\; \\\n"
                + " && depmod -b " + d + " ${KERNEL_FULL_VERSION}\n"
                + "FROM " + baseImage + "\n"
                + "ARG KERNEL_FULL_VERSION\n"
                + "COPY --from=builder " + d + "/lib/modules/${KERNEL_FULL_VERSION}/ " + d + "/lib/modules/${KERNEL_FULL_VERSION}/\n";
    }

    /**
     * Renders everything KMM needs to build (and, with material, sign) in the cluster, in apply order:
     * the Dockerfile ConfigMap, the key and cert Secrets (named after the Module), then the Module, whose
     * every kernel mapping carries a {@code containerImage} (its own or the default template, where KMM pushes).
     *
     * @param spec       the spec (its image template is where KMM pushes)
     * @param dockerfile the Dockerfile text
     * @param signing    signing material, empty for an unsigned build
     * @return the objects
     */
    public static List<HasMetadata> render(ModuleSpec spec, String dockerfile, java.util.Optional<SigningMaterial> signing) {
        List<HasMetadata> out = new ArrayList<>();
        ConfigMap cm = new ConfigMapBuilder().withNewMetadata().withName(dockerfileConfigMapName(spec))
                .withNamespace(spec.namespace()).endMetadata().addToData(DOCKERFILE_KEY, dockerfile).build();
        out.add(cm);
        Module.Sign sign = null;
        if (signing.isPresent()) {
            out.add(secret(keySecretName(spec), spec.namespace(), KEY_KEY, signing.get().privateKeyPem()));
            out.add(secret(certSecretName(spec), spec.namespace(), CERT_KEY, signing.get().certificate()));
            sign = new Module.Sign(null, new Module.Ref(keySecretName(spec)), new Module.Ref(certSecretName(spec)),
                    new ArrayList<>(spec.effectiveFilesToSign()));
        }
        List<Module.BuildArg> args = new ArrayList<>();
        for (Map.Entry<String, String> e : spec.buildArgs().entrySet()) {
            args.add(new Module.BuildArg(e.getKey(), e.getValue()));
        }
        Module.Build build = new Module.Build(args.isEmpty() ? null : args, new Module.Ref(dockerfileConfigMapName(spec)), null);
        out.add(Module.of(spec.name(), spec.namespace(), KmmResources.moduleSpec(spec, KmmResources.mappings(spec),
                KmmResources.blankToNull(spec.imageTemplate()), build, sign)));
        return out;
    }

    private static Secret secret(String name, String namespace, String key, byte[] value) {
        return new SecretBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withType("Opaque").addToData(key, Base64.getEncoder().encodeToString(value)).build();
    }

    /**
     * The Dockerfile text of a rendered ConfigMap.
     *
     * @param cm the ConfigMap
     * @return the text under {@value #DOCKERFILE_KEY}
     */
    public static String dockerfileOf(ConfigMap cm) {
        return new String(cm.getData().get(DOCKERFILE_KEY).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }
}
