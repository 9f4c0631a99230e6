package io.ocatopic.ztp.workflow;

import io.ocatopic.ztp.internal.workflow.SpokeKubeconfig;
import io.ocatopic.ztp.workflow.FactoryWorkflow.ClusterApi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.ocatopic.kube.internal.KubeYaml;
import io.ocatopic.kube.SchemaCheck;
import io.ocatopic.ztp.ZtpException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Relocating a 3+1 cluster to a new network on the embedded API; a failure at every operation, then resume. */
class RelocateTest {
    static final Relocation TO = new Relocation("10.20.0.0/24", "10.20.0.1", "10.20.0.5", "10.20.0.6",
            List.of("10.20.0.1"), "store-7.example.net");
    static final String MC = "machineconfiguration.openshift.io/v1";

    /** Fails the n-th write (apply or delete) through any wrapped API, counting across all of them. */
    static final class Faults {
        final AtomicInteger writes = new AtomicInteger();
        int failAt = -1;

        ClusterApi wrap(ClusterApi api) {
            return new ClusterApi() {
                @Override
                public <T extends HasMetadata> T apply(T o) {
                    tick();
                    return api.apply(o);
                }

                @Override
                public boolean delete(HasMetadata o) {
                    tick();
                    return api.delete(o);
                }

                @Override
                public <T extends HasMetadata> Optional<T> get(Class<T> t, String ns, String n) {
                    return api.get(t, ns, n);
                }

                @Override
                public boolean reachable() {
                    return api.reachable();
                }

                @Override
                public String endpoint() {
                    return api.endpoint();
                }
            };
        }

        void tick() {
            if (writes.incrementAndGet() == failAt) {
                throw new IllegalStateException("injected failure at write " + failAt);
            }
        }
    }

    /** Everything of edge-1 on the hub and its spoke, with MachineConfig file contents decoded. */
    static Map<String, String> state(WorkflowTest.Env env) {
        Map<String, String> all = WorkflowTest.snapshot(env);
        Map<String, String> out = new TreeMap<>();
        all.forEach((k, v) -> {
            if (k.startsWith("edge-1:") || k.contains("edge-1")) {
                out.put(k, v);
            }
        });
        for (GenericKubernetesResource mc : env.spokes.get("edge-1").client().genericKubernetesResources(MC,
                "MachineConfig").list().getItems()) {
            mc.getMetadata().setResourceVersion(null);
            mc.getMetadata().setUid(null);
            mc.getMetadata().setCreationTimestamp(null);
            mc.getMetadata().setGeneration(null);
            mc.getMetadata().setManagedFields(null);
            String y = KubeYaml.dump(mc);
            Matcher m = Pattern.compile("base64,([A-Za-z0-9+/=]+)").matcher(y);
            StringBuilder decoded = new StringBuilder(y);
            while (m.find()) {
                decoded.append('\n').append(new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8));
            }
            out.put("edge-1:MachineConfig/" + mc.getMetadata().getName(), decoded.toString());
        }
        ClusterApi spoke = ClusterApi.of(env.spokes.get("edge-1").applier());
        out.put("edge-1:stored-kubeconfig", SpokeKubeconfig.read(spoke).reveal());
        return out;
    }

    static FactoryWorkflow site(WorkflowTest.Env env, Faults f) {
        return FactoryWorkflow.builder(WorkflowTest.SPEC).hub(f.wrap(ClusterApi.of(env.hubApi.applier()))).build();
    }

    @Test
    void relocatedClusterHoldsOnlyTheNewAddressesAndEveryFailureResumesToTheSameState(@TempDir Path dir) {
        Map<String, String> reference;
        int writes;
        try (WorkflowTest.Env env = new WorkflowTest.Env()) {
            WorkflowTest.detached(env, dir.resolve("ref"));
            Faults f = new Faults();
            FactoryWorkflow wf = site(env, f);
            Optional<Path> st = Optional.of(dir.resolve("relocate-ref.json"));
            assertTrue(wf.relocationPlan("edge-1", TO, st).stream().noneMatch(FactoryWorkflow.PlannedStep::done));
            assertEquals(4, wf.relocationPlan("edge-1", TO, st).size());
            ClusterApi spoke = f.wrap(ClusterApi.of(env.spokes.get("edge-1").applier()));
            assertEquals(4, wf.relocate("edge-1", spoke, TO, st).executed().size());
            writes = f.writes.get();
            assertTrue(wf.relocationPlan("edge-1", TO, st).stream().allMatch(FactoryWorkflow.PlannedStep::done));
            assertEquals(List.of(), wf.relocate("edge-1", spoke, TO, st).executed());
            reference = state(env);
            String everything = String.join("\n", reference.values());
            assertFalse(everything.contains("192.168.7."), "an old address is left:\n" + everything);
            assertFalse(everything.contains("edge-1.factory.example.com") || everything.contains("api.edge-1.example.com"),
                    "the old API name is left in " + reference.entrySet().stream().filter(x -> x.getValue()
                            .contains("edge-1.factory.example.com") || x.getValue().contains("api.edge-1.example.com"))
                            .map(Map.Entry::getKey).toList());
            for (String ip : List.of("10.20.0.5", "10.20.0.6", "10.20.0.10", "10.20.0.13", "api.edge-1.store-7.example.net")) {
                assertTrue(everything.contains(ip), ip);
            }
            assertTrue(SchemaCheck.bundled().checkAll(env.spokes.get("edge-1").client().genericKubernetesResources(MC,
                    "MachineConfig").list().getItems()).conforms());
        }
        for (int at = 1; at <= writes; at++) {
            try (WorkflowTest.Env env = new WorkflowTest.Env()) {
                WorkflowTest.detached(env, dir.resolve("f" + at));
                Faults f = new Faults();
                FactoryWorkflow wf = site(env, f);
                ClusterApi spoke = f.wrap(ClusterApi.of(env.spokes.get("edge-1").applier()));
                Optional<Path> st = Optional.of(dir.resolve("relocate-" + at + ".json"));
                f.failAt = at;
                int failAt = at;
                ZtpException e = assertThrows(ZtpException.class, () -> wf.relocate("edge-1", spoke, TO, st), "write " + at);
                assertEquals(ZtpException.Reason.STEP_FAILED, e.reason());
                f.failAt = -1;
                wf.relocate("edge-1", spoke, TO, st);
                assertEquals(reference, state(env), "after a failure at write " + failAt);
            }
        }
    }
}
