package io.ocatopic.examples;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.ocatopic.kmm.KernelMapping;
import io.ocatopic.kmm.ModuleBuilder;
import io.ocatopic.kmm.ModuleSource;
import io.ocatopic.kmm.build.BuildResult;
import io.ocatopic.kmm.build.ContainerEngine;
import io.ocatopic.kmm.sign.ModuleSigner;
import io.ocatopic.kmm.sign.SigningKeys;
import io.ocatopic.testing.EmbeddedApi;
import io.ocatopic.kube.ProgressEvent;
import io.ocatopic.kube.Manifests;
import io.ocatopic.kube.internal.acm.ManagedCluster;
import io.ocatopic.kube.internal.acm.ManagedClusterStatus;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ModuleBuilder end to end: with a container engine and registry (the variables scripts/test-env.sh
 * exports) it builds, signs and pushes the module in {@code args[0]} for every kernel in
 * {@code OCATOPIC_TEST_KERNELS} with the key and cert in {@code args[1]}/{@code args[2]}; otherwise it uses
 * example digests. Either way it renders per-spoke Modules for two spokes behind a mirror and applies them
 * to the embedded API. The kernel module {@code ocatopic_hello} gives the objects the name {@code ocatopic-hello}
 * (a DNS-1123 subdomain), while modprobe keeps loading {@code ocatopic_hello}.
 *
 * <pre>
 * java -cp ocatopic.jar io.ocatopic.examples.ModuleBuildExample hello-module key.pem cert.pem
 * </pre>
 */
public final class ModuleBuildExample {
    private ModuleBuildExample() {
    }

    /**
     * Runs the example.
     *
     * @param args optional: module source directory, signing key, signing certificate
     */
    public static void main(String[] args) {
        String registry = System.getenv().getOrDefault("OCATOPIC_TEST_REGISTRY", "registry.example.com:5000");
        List<ManagedCluster> spokes = List.of(spoke("edge-a", "6.1.0-54-amd64"), spoke("edge-b", "6.1.0-54-amd64\n6.1.0-56-amd64"));
        ModuleBuilder mb = ModuleBuilder.forModule("ocatopic_hello").namespace("kmm-demo")
                .image(registry + "/kmm/${MOD_NAME}:${KERNEL_FULL_VERSION}")
                .mapping(KernelMapping.regexp("^6\\.1\\.0-\\d+-amd64$", ""))
                .kernelsFromSpokes(spokes, Map.of("edge", "true"))
                .insecureRegistry(true);
        Map<String, String> pinned = new LinkedHashMap<>();
        String dockerHost = System.getenv("DOCKER_HOST");
        if (dockerHost != null && args.length >= 3 && System.getenv("OCATOPIC_BUILDER_IMAGE") != null) {
            mb.source(ModuleSource.makefile(Path.of(args[0])))
                    .builderImage(System.getenv("OCATOPIC_BUILDER_IMAGE"))
                    .baseImage(System.getenv("OCATOPIC_BASE_IMAGE"))
                    .signWith(ModuleSigner.of(SigningKeys.fromFiles(Path.of(args[1]), Path.of(args[2]))));
            try (ContainerEngine engine = ContainerEngine.connect(dockerHost)) {
                BuildResult r = mb.build(engine, e -> {
                    if (e.kind() == ProgressEvent.Kind.OUTPUT) {
                        System.out.println(e.subject() + " | " + e.message());
                    }
                });
                pinned.putAll(r.pinnedImages());
            }
        } else {
            System.out.println("no engine/registry/key given: using example digests");
            // ${MOD_NAME} is the Module's name, ocatopic-hello, derived from the kernel module ocatopic_hello
            for (String k : mb.spec().kernels()) {
                pinned.put(k, registry + "/kmm/" + mb.spec().name() + "@sha256:"
                        + Integer.toHexString(k.hashCode()).repeat(8).substring(0, 64));
            }
        }
        pinned.forEach((k, ref) -> System.out.println("built  " + k + " -> " + ref));

        HasMetadata mcm = mb.managedClusterModule("kmm-demo", Map.of("edge", "true"));
        Map<String, HasMetadata> perSpoke = mb.spokeModules("kmm-demo", Map.of("edge", "true"), spokes, pinned,
                Optional.of("mirror.edge.local:8443"));
        try (EmbeddedApi api = EmbeddedApi.start()) {
            api.applier().apply(mcm);
            perSpoke.forEach((spoke, m) -> {
                System.out.println("--- Module for spoke " + spoke);
                System.out.print(Manifests.yaml(m));
            });
            api.applier().apply(perSpoke.get("edge-b"));
            System.out.println("applied ManagedClusterModule and edge-b's Module to " + api.url());
        }
    }

    private static ManagedCluster spoke(String name, String kernels) {
        ManagedCluster mc = ManagedCluster.accepted(name, Map.of("edge", "true"));
        mc.setStatus(new ManagedClusterStatus(List.of(new ManagedClusterStatus.ClusterClaim(ModuleBuilder.KERNEL_CLAIM, kernels)), null));
        return mc;
    }
}
