package io.ocatopic.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocatopic.dpu.DpuOffloadConfig;
import io.ocatopic.gpu.Demand;
import io.ocatopic.gpu.Fleet;
import io.ocatopic.gpu.GpuPartitioner;
import io.ocatopic.gpu.MigPlan;
import io.ocatopic.gpu.MigStrategy;
import io.ocatopic.kube.Manifests;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * gpu-core's and dpu-core's pure parts (read the file, plan, render the objects and their YAML) need no
 * Kubernetes client at run time: they run in a class loader that holds the whole test class path except
 * fabric8's client implementation, its HTTP client and everything below it (Vert.x, Netty, the mock server).
 * Only applying to a cluster needs those, so an application that only plans and renders may exclude
 * {@code io.fabric8:kubernetes-client} and {@code kubernetes-httpclient-vertx}.
 */
class PurePartsWithoutClientTest {
    /** The jars an application that only plans and renders can leave out. */
    static final Pattern CLIENT = Pattern.compile(
            "(kubernetes-client-\\d|kubernetes-httpclient-|vertx-|netty-|kubernetes-server-mock|mockwebserver|zjsonpatch).*\\.jar");

    /** Plans MIG for the sample fleet and renders the GPU operator objects as YAML. */
    public static final class GpuProbe implements Callable<String> {
        @Override
        public String call() throws Exception {
            GpuPartitioner gp = GpuPartitioner.withBuiltinCatalog();
            Fleet fleet = Fleet.fromYaml(Files.readString(Path.of("samples/gpu-fleet.yaml")));
            MigPlan plan = gp.plan(fleet, List.of(Demand.fleetWide("1g.5gb", 1)));
            return Manifests.yaml(gp.migManagerConfigMap("ocatopic-mig-config", "nvidia-gpu-operator", plan))
                    + Manifests.yaml(gp.migClusterPolicy(MigStrategy.MIXED, "ocatopic-mig-config"));
        }
    }

    /** Reads the sample DPU config and renders both clusters' objects as YAML. */
    public static final class DpuProbe implements Callable<String> {
        @Override
        public String call() throws Exception {
            DpuOffloadConfig c = DpuOffloadConfig.fromYaml(Files.readString(Path.of("samples/dpu-offload.yaml")));
            var r = c.render();
            return Manifests.yaml(r.infra()) + Manifests.yaml(r.tenant());
        }
    }

    @Test
    void planningAndRenderingRunWithoutTheClientImplementationOnTheClassPath() throws Exception {
        List<URL> kept = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (String entry : System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                .split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (CLIENT.matcher(p.getFileName().toString()).matches()) {
                dropped.add(p.getFileName().toString());
            } else {
                kept.add(p.toUri().toURL());
            }
        }
        assertTrue(dropped.stream().anyMatch(n -> n.startsWith("kubernetes-client-")), "the client is on the class path: " + dropped);
        assertTrue(dropped.stream().anyMatch(n -> n.startsWith("kubernetes-httpclient-")), dropped.toString());
        try (URLClassLoader withoutClient = new URLClassLoader(kept.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            assertTrue(classMissing(withoutClient, "io.fabric8.kubernetes.client.impl.KubernetesClientImpl"));
            assertTrue(classMissing(withoutClient, "io.vertx.core.Vertx"));
            for (Class<?> probe : List.of(GpuProbe.class, DpuProbe.class)) {
                @SuppressWarnings("unchecked")
                Callable<String> c = (Callable<String>) withoutClient.loadClass(probe.getName()).getConstructor().newInstance();
                String yaml = c.call();
                // the same text as with the client present
                @SuppressWarnings("unchecked")
                Callable<String> here = (Callable<String>) probe.getConstructor().newInstance();
                assertEquals(here.call(), yaml, probe.getSimpleName());
                assertTrue(yaml.contains("kind: "), yaml);
            }
        }
        System.out.println("pure parts: gpu plan+render and dpu render ran without " + dropped.size() + " client jars");
    }

    private static boolean classMissing(ClassLoader l, String name) {
        try {
            Class.forName(name, false, l);
            return false;
        } catch (ClassNotFoundException e) {
            return true;
        }
    }
}
