package io.ocatopic.scale;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.ocatopic.kmm.internal.resources.HubSpoke;
import io.ocatopic.kmm.internal.resources.ManagedClusterModule;
import io.ocatopic.kmm.internal.resources.Module;
import io.ocatopic.kube.internal.acm.ManagedCluster;
import io.ocatopic.kube.internal.acm.ManagedClusterStatus;
import io.ocatopic.ztp.ChassisRender;
import io.ocatopic.ztp.ImportCredentials;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The harness's built-in sources of spoke objects: {@code acm} (per spoke: Namespace, ManagedCluster,
 * KlusterletAddonConfig, auto-import Secret) and {@code kmm} (one ManagedClusterModule for the fleet;
 * per spoke: Namespace, ManagedCluster with a kernel ClusterClaim, and the Module the spoke receives,
 * one {@code literal} mapping per claimed kernel).
 *
 * <p>The {@code acm} objects come from ztp-core's {@code ChassisRender.acmImport}, the {@code kmm} objects from
 * kmm-core's {@code ManagedClusterModule} and {@code HubSpoke.spokeModules} (images pinned by digest
 * on a mirror); {@link SpokeSource#origin()} names the renderer in the report.
 *
 * <pre>{@code
 * SpokeSource acm = ScaleSources.byName("acm").orElseThrow();
 * List<HasMetadata> spoke7 = acm.spokeObjects("r3f9a1c", 7);
 * }</pre>
 */
public final class ScaleSources {
    /** The ClusterClaim that carries a spoke's kernels (newline-separated), per KMM hub/spoke docs. */
    public static final String KERNEL_CLAIM = HubSpoke.KERNEL_CLAIM;
    /** The label the kmm source's ManagedClusterModule selects spokes by. */
    public static final String KMM_FLEET_LABEL = "scale.ocatopic.io/kmm-fleet";
    private static final List<String> KERNELS = List.of("6.1.0-54-amd64", "6.1.0-56-amd64", "6.1.0-53-amd64");

    private ScaleSources() {
    }

    /**
     * The ACM import source, rendered by ztp-core.
     *
     * @return the ACM import source
     */
    public static SpokeSource acm() {
        return new Acm();
    }

    /**
     * The KMM hub/spoke source, rendered by kmm-core.
     *
     * @return the KMM hub/spoke source
     */
    public static SpokeSource kmm() {
        return new Kmm();
    }

    /**
     * Every built-in source.
     *
     * @return every built-in source
     */
    public static List<SpokeSource> all() {
        return List.of(acm(), kmm());
    }

    /**
     * A built-in source by name.
     *
     * @param name {@code acm} or {@code kmm}
     * @return the source, empty for an unknown name
     */
    public static Optional<SpokeSource> byName(String name) {
        return all().stream().filter(s -> s.name().equalsIgnoreCase(name)).findFirst();
    }

    /**
     * Every kind any built-in source emits.
     *
     * @return every kind any built-in source emits, for cleanups that do not know the source
     */
    public static List<Class<? extends HasMetadata>> knownKinds() {
        LinkedHashSet<Class<? extends HasMetadata>> kinds = new LinkedHashSet<>();
        for (SpokeSource s : all()) {
            kinds.addAll(s.kinds());
        }
        return List.copyOf(kinds);
    }

    /** The kernels spoke {@code i} claims: one or two of a small set, varying across the fleet. */
    static List<String> kernelsOf(int spoke) {
        String a = KERNELS.get(spoke % KERNELS.size());
        return spoke % 2 == 0 ? List.of(a) : List.of(a, KERNELS.get((spoke + 1) % KERNELS.size()));
    }

    private static Namespace namespace(String name) {
        return new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build();
    }

    private static final class Acm implements SpokeSource {
        @Override
        public String name() {
            return "acm";
        }

        @Override
        public String origin() {
            return "ztp-core io.ocatopic.ztp.ChassisRender.acmImport";
        }

        @Override
        public List<Class<? extends HasMetadata>> kinds() {
            return List.of(Namespace.class, ManagedCluster.class,
                    io.ocatopic.ztp.internal.render.KlusterletAddonConfig.class,
                    io.fabric8.kubernetes.api.model.Secret.class);
        }

        @Override
        public List<HasMetadata> spokeObjects(String runId, int spoke) {
            String name = SpokeSource.spokeName(runId, spoke);
            // the token is a placeholder: simulated spokes have no API server to import from
            ImportCredentials credentials = ImportCredentials.token("https://api." + name + ".edge.example:6443",
                    io.ocatopic.kube.Secret.of("scale-test-placeholder-" + spoke));
            return ChassisRender.acmImport(name, Map.of("vendor", "OpenShift", "cloud", "BareMetal"), credentials);
        }
    }

    private static final class Kmm implements SpokeSource {
        private static final String MIRROR = "mirror.edge.example:5000";

        @Override
        public String name() {
            return "kmm";
        }

        @Override
        public String origin() {
            return "kmm-core io.ocatopic.kmm.resources (ManagedClusterModule, HubSpoke.spokeModules)";
        }

        @Override
        public List<Class<? extends HasMetadata>> kinds() {
            return List.of(Namespace.class, ManagedCluster.class, ManagedClusterModule.class, Module.class);
        }

        @Override
        public List<HasMetadata> fleetObjects(String runId) {
            return List.of(fleetModule(runId));
        }

        private static ManagedClusterModule fleetModule(String runId) {
            Module.Container container = new Module.Container(
                    new Module.Modprobe("scale_kmod", null, null, null, null, null),
                    List.of(Module.Mapping.regexp("^.+$", "registry.edge.example/kmod/scale-kmod:${KERNEL_FULL_VERSION}")),
                    null, null, null, null);
            Module.Spec spec = new Module.Spec(Map.of("node-role.kubernetes.io/worker", ""), null,
                    new Module.Loader(container, null));
            return ManagedClusterModule.of(runId + "-kmod", spec, "kmm-scale", Map.of(KMM_FLEET_LABEL, runId));
        }

        @Override
        public List<HasMetadata> spokeObjects(String runId, int spoke) {
            String name = SpokeSource.spokeName(runId, spoke);
            List<String> kernels = kernelsOf(spoke);
            ManagedCluster mc = ManagedCluster.accepted(name, Map.of("name", name, KMM_FLEET_LABEL, runId));
            mc.setStatus(new ManagedClusterStatus(List.of(new ManagedClusterStatus.ClusterClaim(KERNEL_CLAIM,
                    String.join("\n", kernels))), null));
            Map<String, String> images = new LinkedHashMap<>();
            for (String k : KERNELS) {
                images.put(k, "registry.edge.example/kmod/scale-kmod@sha256:" + digestOf(k));
            }
            // what the hub's ManifestWork carries to this spoke; kept in the spoke's namespace on the hub
            Module module = HubSpoke.spokeModules(fleetModule(runId), List.of(mc), images, Optional.of(MIRROR))
                    .get(name);
            module.getMetadata().setNamespace(name);
            return List.of(namespace(name), mc, module);
        }

        private static String digestOf(String kernel) {
            String h = Integer.toHexString(kernel.hashCode()).toLowerCase(Locale.ROOT);
            return (h + "0".repeat(64)).substring(0, 64);
        }
    }
}
