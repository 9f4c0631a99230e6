package io.ocatopic.kmm.internal.resources;

import io.ocatopic.kmm.KmmException;
import io.ocatopic.core.Problem;
import io.ocatopic.kube.internal.acm.ManagedCluster;
import io.ocatopic.kube.internal.oci.ImageReference;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Hub and spoke: what each spoke receives for a {@link ManagedClusterModule} built and signed on the hub.
 * As KMM's hub does (kubernetes-sigs/kernel-module-management {@code internal/manifestwork/manifestwork.go},
 * {@code internal/cluster/cluster.go}), each spoke gets a Module without build or sign whose kernel mappings
 * are one {@code literal} per kernel its ClusterClaim {@value #KERNEL_CLAIM} reports (newline-separated,
 * trailing {@code +} trimmed). For spokes behind a mirror, images are rewritten to the mirror registry and
 * pinned to their digest, because mirror rules apply only to digest references
 * (rh-ecosystem-edge/kernel-module-management {@code docs/enhancements/0001_disconnected.md}).
 *
 * <pre>{@code
 * Map<String, Module> perSpoke = HubSpoke.spokeModules(mcm, clusters, result.digestRefs(), Optional.of("mirror.edge:5000"));
 * }</pre>
 */
public final class HubSpoke {
    /** The ClusterClaim in which KMM's spoke agent reports the node kernels. */
    public static final String KERNEL_CLAIM = "kernel-versions.kmm.node.kubernetes.io";

    private HubSpoke() {
    }

    /**
     * The kernels one spoke claims.
     *
     * @param cluster the ManagedCluster
     * @return the kernels in claim order, without duplicates; empty when the spoke reports none
     */
    public static List<String> claimedKernels(ManagedCluster cluster) {
        if (cluster.getStatus() == null) {
            return List.of();
        }
        Optional<String> claim = cluster.getStatus().claim(KERNEL_CLAIM);
        Set<String> out = new LinkedHashSet<>();
        claim.ifPresent(v -> {
            for (String line : v.split("\n")) {
                String k = line.trim();
                while (k.endsWith("+")) {
                    k = k.substring(0, k.length() - 1);
                }
                if (!k.isEmpty()) {
                    out.add(k);
                }
            }
        });
        return new ArrayList<>(out);
    }

    /**
     * Every kernel claimed by the clusters the selector matches: the target kernels of a hub build.
     *
     * @param clusters the ManagedClusters
     * @param selector labels to match (all must be equal); empty matches every cluster
     * @return the union, in first-seen order
     */
    public static List<String> kernelsOf(Collection<ManagedCluster> clusters, Map<String, String> selector) {
        Set<String> out = new LinkedHashSet<>();
        for (ManagedCluster mc : clusters) {
            if (selects(selector, mc)) {
                out.addAll(claimedKernels(mc));
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * The Module each selected spoke receives.
     *
     * @param mcm      the ManagedClusterModule
     * @param clusters the ManagedClusters known to the hub
     * @param images   kernel to the digest-pinned image the hub pushed ({@code registry/repo@sha256:...})
     * @param mirror   the mirror registry (host[:port]) the spokes pull from, empty to keep the hub registry
     * @return spoke name to Module (named like the ManagedClusterModule, in {@code spokeNamespace})
     * @throws KmmException ({@link KmmException.Reason#INVALID}) naming each spoke kernel without an image,
     *                      or an image without digest when a mirror is used
     */
    public static Map<String, Module> spokeModules(ManagedClusterModule mcm, Collection<ManagedCluster> clusters,
                                                   Map<String, String> images, Optional<String> mirror) {
        Map<String, Module> out = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        ManagedClusterModule.Spec spec = mcm.getSpec();
        Map<String, String> selector = spec.selector() == null ? Map.of() : spec.selector();
        for (ManagedCluster mc : clusters) {
            if (!selects(selector, mc)) {
                continue;
            }
            String spoke = mc.getMetadata().getName();
            List<Module.Mapping> mappings = new ArrayList<>();
            for (String kernel : claimedKernels(mc)) {
                String image = images.get(kernel);
                if (image == null) {
                    problems.add(new Problem("spokes[" + spoke + "].kernels[" + kernel + "]", "no image was built for this kernel"));
                    continue;
                }
                String literal = image;
                if (mirror.isPresent()) {
                    String path = "spokes[" + spoke + "].kernels[" + kernel + "]";
                    ImageReference ref;
                    try {
                        ref = ImageReference.parse(image);
                    } catch (IllegalArgumentException e) {
                        problems.add(new Problem(path, "image " + image + " is not a valid reference: " + e.getMessage()));
                        continue;
                    }
                    if (ref.digest().isEmpty()) {
                        problems.add(new Problem(path, "image " + image + " has no digest; mirrors only apply to digest references"));
                        continue;
                    }
                    try {
                        literal = new ImageReference(mirror.get(), ref.repository(), Optional.empty(), ref.digest()).toString();
                    } catch (IllegalArgumentException e) {
                        problems.add(new Problem(path, "mirror " + mirror.get() + " is not a registry host: " + e.getMessage()));
                        continue;
                    }
                }
                mappings.add(Module.Mapping.literal(kernel, literal));
            }
            if (claimedKernels(mc).isEmpty()) {
                problems.add(new Problem("spokes[" + spoke + "]", "the spoke claims no kernel in " + KERNEL_CLAIM));
                continue;
            }
            if (mappings.isEmpty()) {
                continue;
            }
            Module.Spec ms = spec.moduleSpec();
            Module.Container c = ms.moduleLoader().container().withOnlyMappings(mappings);
            out.put(spoke, Module.of(mcm.getMetadata().getName(), spec.spokeNamespace(),
                    ms.withLoader(new Module.Loader(c, ms.moduleLoader().serviceAccountName()))));
        }
        if (!problems.isEmpty()) {
            throw KmmException.invalid(problems);
        }
        return out;
    }

    private static boolean selects(Map<String, String> selector, ManagedCluster mc) {
        Map<String, String> labels = mc.getMetadata().getLabels() == null ? Map.of() : mc.getMetadata().getLabels();
        for (Map.Entry<String, String> e : selector.entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
