package io.ocatopic.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns every {@code <pre>{@code ...}</pre>} example in the Javadoc of the SDK's entry types into a class of
 * the consumer project, so that the examples users copy are compiled against the published artifacts. Each
 * example becomes the body of {@code static void run()} in {@code javadoc.<Type>_<n>}; what the examples take
 * as given (a client, a spec, a plan) is declared once per type in {@link #GIVEN} as fields, so the examples
 * stay short and a change to the API they call fails the build.
 *
 * <p>Also a program: {@code java JavadocSnippets.java CHECKOUT OUT_DIR} (for editing the examples).
 */
public final class JavadocSnippets {
    /** One example: the type it documents, its number in that file, the source line and its lines. */
    record Snippet(String type, int number, int line, List<String> body) {
    }

    /** An entry type: its source file and what its examples take as given. */
    record Entry(String source, List<String> imports, String given) {
    }

    /** Imports every example has. */
    private static final List<String> COMMON = List.of("java.util.*", "java.nio.file.*", "java.time.*",
            "io.ocatopic.core.*", "io.ocatopic.kube.*");

    /** The entry types, with their examples' givens (fields of the generated class). */
    static final Map<String, Entry> GIVEN = new LinkedHashMap<>();

    static {
        entry("kube-support/src/main/java/io/ocatopic/kube/Applier.java",
                List.of("io.fabric8.kubernetes.api.model.ConfigMap", "io.fabric8.kubernetes.api.model.HasMetadata"), """
                io.fabric8.kubernetes.client.KubernetesClient client;
                List<HasMetadata> objects;
                ConfigMap configMap;
                HasMetadata namespace;
                HasMetadata secret;
                HasMetadata managedCluster;
                """);
        entry("kube-support/src/main/java/io/ocatopic/kube/SchemaCheck.java", List.of(), """
                List<io.fabric8.kubernetes.api.model.HasMetadata> objects;
                io.fabric8.kubernetes.api.model.HasMetadata object;
                """);
        entry("kube-support/src/main/java/io/ocatopic/kube/Manifests.java",
                List.of("io.ocatopic.gpu.*"), """
                GpuPartitioner partitioner;
                MigPlan plan;
                """);
        entry("native-bindings/src/main/java/io/ocatopic/nvml/Nvml.java", List.of("io.ocatopic.nvml.*"), "");
        entry("native-bindings/src/main/java/io/ocatopic/netlink/DevlinkClient.java",
                List.of("io.ocatopic.netlink.*", "io.ocatopic.netlink.DevlinkClient.*"), """
                DevlinkClient devlink;
                DevlinkHandle handle;
                """);
        entry("ztp-core/src/main/java/io/ocatopic/ztp/ChassisSpec.java", List.of("io.ocatopic.ztp.*"), """
                List<ChassisSpec.Node> nodes;
                ChassisSpec.Node master0;
                ChassisSpec.Node master1;
                ChassisSpec.Node master2;
                ChassisSpec.Node worker0;
                """);
        entry("ztp-core/src/main/java/io/ocatopic/ztp/ChassisRender.java",
                List.of("io.ocatopic.ztp.*", "io.fabric8.kubernetes.api.model.HasMetadata"), """
                ChassisSpec spec;
                io.fabric8.kubernetes.client.KubernetesClient hubClient;
                String token;
                """);
        entry("ztp-core/src/main/java/io/ocatopic/ztp/ChassisImport.java", List.of("io.ocatopic.ztp.*"), """
                String text;
                """);
        entry("ztp-core/src/main/java/io/ocatopic/ztp/HubConnection.java",
                List.of("io.ocatopic.ztp.*", "io.ocatopic.ztp.workflow.FactoryWorkflow"), """
                String caPem;
                FactoryWorkflow workflow;
                FactoryWorkflow.ClusterApi spokeApi;
                FactoryWorkflow.ClusterApi oldHubApi;
                """);
        entry("ztp-core/src/main/java/io/ocatopic/ztp/workflow/FactoryWorkflow.java",
                List.of("io.ocatopic.ztp.*", "io.ocatopic.ztp.workflow.*", "io.ocatopic.ztp.workflow.FactoryWorkflow.ClusterApi"), """
                ChassisSpec spec;
                io.fabric8.kubernetes.client.KubernetesClient hubClient;
                FactoryWorkflow wf;
                FactoryWorkflow.ClusterApi spokeApi;
                FactoryWorkflow.ClusterApi spoke;
                io.fabric8.kubernetes.api.model.HasMetadata namespace;
                boolean confirmed(List<FactoryWorkflow.PlannedStep> plan) { return false; }
                """);
        entry("ztp-core/src/main/java/io/ocatopic/ztp/mirror/RegistryMirror.java",
                List.of("io.ocatopic.ztp.*", "io.ocatopic.ztp.mirror.*", "io.ocatopic.ztp.mirror.RegistryMirror.MirrorRequest",
                        "io.fabric8.openshift.api.model.config.v1.ImageDigestMirrorSet"), """
                ChassisSpec spec;
                List<String> images;
                Map<String, String> pinnedImages;
                """);
        entry("kmm-core/src/main/java/io/ocatopic/kmm/ModuleBuilder.java",
                List.of("io.ocatopic.kmm.*", "io.ocatopic.kmm.build.*", "io.ocatopic.kmm.sign.*",
                        "io.fabric8.kubernetes.api.model.HasMetadata", "io.ocatopic.kmm.ModuleBuilder.ModuleFileSigner"), """
                io.fabric8.kubernetes.client.KubernetesClient client;
                ModuleSigner moduleSigner;
                """);
        entry("kmm-core/src/main/java/io/ocatopic/kmm/build/ContainerEngine.java",
                List.of("io.ocatopic.kmm.*", "io.ocatopic.kmm.build.*"), """
                ModuleBuilder builder;
                """);
        entry("kmm-core/src/main/java/io/ocatopic/kmm/sign/ModuleSigner.java",
                List.of("io.ocatopic.kmm.*", "io.ocatopic.kmm.sign.*", "io.ocatopic.kmm.sign.ModuleSigner.HashAlgorithm"), "");
        entry("kmm-core/src/main/java/io/ocatopic/kmm/sign/ModuleSignatureVerifier.java",
                List.of("io.ocatopic.kmm.*", "io.ocatopic.kmm.sign.*"), "");
        entry("kmm-core/src/main/java/io/ocatopic/kmm/sign/SigningKeys.java",
                List.of("io.ocatopic.kmm.*", "io.ocatopic.kmm.sign.*", "io.ocatopic.kmm.sign.SigningKeys.*"), """
                long slotId;
                GeneratedKeys generatedKeys;
                Applier applier;
                """);
        entry("dpu-core/src/main/java/io/ocatopic/dpu/DpuOffloadConfig.java",
                List.of("io.ocatopic.dpu.*", "io.ocatopic.dpu.DpuOffloadConfig.*", "io.ocatopic.dpu.render.DpuResources",
                        "io.ocatopic.dpu.card.CardPlan", "io.ocatopic.netlink.DevlinkClient"), """
                io.fabric8.kubernetes.client.KubernetesClient infraClient;
                io.fabric8.kubernetes.client.KubernetesClient tenantClient;
                Secret tenantKubeconfig;
                DevlinkClient devlink;
                DpuOffloadConfig.Builder builder;
                Card card;
                """);
        entry("dpu-core/src/main/java/io/ocatopic/dpu/render/DpuResources.java",
                List.of("io.ocatopic.dpu.*", "io.ocatopic.dpu.render.*"), """
                DpuOffloadConfig config;
                io.fabric8.kubernetes.client.KubernetesClient infraClient;
                io.fabric8.kubernetes.client.KubernetesClient tenantClient;
                """);
        entry("dpu-core/src/main/java/io/ocatopic/dpu/card/CardPlan.java",
                List.of("io.ocatopic.dpu.*", "io.ocatopic.dpu.card.*", "io.ocatopic.netlink.DevlinkClient",
                        "io.ocatopic.netlink.DevlinkPort.PortFunction"), """
                DpuOffloadConfig config;
                DevlinkClient devlink;
                CardPlan plan;
                """);
        entry("dpu-core/src/main/java/io/ocatopic/dpu/dpf/DpfResources.java",
                List.of("io.ocatopic.dpu.*", "io.ocatopic.dpu.dpf.*"), """
                DpuOffloadConfig config;
                io.fabric8.kubernetes.client.KubernetesClient hostClient;
                """);
        entry("dpu-core/src/main/java/io/ocatopic/dpu/dpf/DpfPreflight.java",
                List.of("io.ocatopic.dpu.*", "io.ocatopic.dpu.dpf.*"), """
                DpuOffloadConfig config;
                Map<String, Map<String, String>> labelsByHost;
                """);
        entry("gpu-core/src/main/java/io/ocatopic/gpu/GpuPartitioner.java",
                List.of("io.ocatopic.gpu.*", "io.ocatopic.nvml.Nvml"), """
                GpuPartitioner gp;
                Fleet fleet;
                List<Demand> demands;
                MigPlan plan;
                """);
        entry("ocatopic-scale/src/main/java/io/ocatopic/scale/ScaleHarness.java",
                List.of("io.ocatopic.scale.*", "io.ocatopic.testing.EmbeddedApi"), """
                io.fabric8.kubernetes.client.KubernetesClient client;
                """);
        entry("ocatopic-scale/src/main/java/io/ocatopic/scale/Fleet.java",
                List.of("io.ocatopic.scale.*", "io.ocatopic.testing.EmbeddedApi"), """
                io.fabric8.kubernetes.client.KubernetesClient client;
                """);
        entry("ocatopic-testing/src/main/java/io/ocatopic/testing/EmbeddedApi.java",
                List.of("io.ocatopic.testing.*"), """
                io.fabric8.kubernetes.api.model.ConfigMap configMap;
                """);
        entry("ocatopic-testing/src/main/java/io/ocatopic/testing/FakeNvml.java",
                List.of("io.ocatopic.testing.*", "io.ocatopic.nvml.*"), "");
        entry("ocatopic-testing/src/main/java/io/ocatopic/testing/Golden.java",
                List.of("io.ocatopic.testing.*"), """
                String rendered;
                """);
    }

    private static void entry(String source, List<String> imports, String given) {
        String type = source.substring(source.lastIndexOf('/') + 1, source.length() - ".java".length());
        GIVEN.put(type, new Entry(source, imports, given));
    }

    private static final Pattern START = Pattern.compile("^\\s*\\*?\\s*<pre>\\{@code\\s*$");
    private static final Pattern END = Pattern.compile("^\\s*\\*?\\s*}</pre>\\s*$");
    private static final Pattern MARGIN = Pattern.compile("^\\s*\\* ?");

    private JavadocSnippets() {
    }

    /**
     * Reads the examples of one source file.
     *
     * @param type   the type's simple name
     * @param source the source text
     * @return its examples, in order
     */
    static List<Snippet> snippets(String type, String source) {
        List<Snippet> out = new ArrayList<>();
        List<String> lines = source.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (!START.matcher(lines.get(i)).matches()) {
                continue;
            }
            int start = i + 1;
            List<String> body = new ArrayList<>();
            for (i = start; i < lines.size() && !END.matcher(lines.get(i)).matches(); i++) {
                body.add(unescape(MARGIN.matcher(lines.get(i)).replaceFirst("")));
            }
            if (i == lines.size()) {
                throw new IllegalStateException(type + ".java:" + start + ": <pre>{@code without }</pre>");
            }
            if (!isData(body)) {
                out.add(new Snippet(type, out.size() + 1, start, body));
            }
        }
        return out;
    }

    /** A YAML or shell example (a file format, a command), not Java: its first line is a key, a list item or a comment. */
    private static boolean isData(List<String> body) {
        String first = body.stream().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
        return first.matches("[\\w.-]+:(\\s.*)?") || first.startsWith("- ") || first.startsWith("---")
                || first.startsWith("#") || first.startsWith("$ ");
    }

    private static String unescape(String line) {
        return line.replace("&#64;", "@").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    /**
     * Writes {@code javadoc/<Type>_<n>.java} under a source root, one class per example.
     *
     * @param checkout the checkout whose sources hold the examples
     * @param srcRoot  the consumer's {@code src/main/java}
     * @return the examples written
     * @throws IOException when a file cannot be read or written
     */
    static List<Snippet> write(Path checkout, Path srcRoot) throws IOException {
        Path pkg = Files.createDirectories(srcRoot.resolve("javadoc"));
        List<Snippet> all = new ArrayList<>();
        for (Map.Entry<String, Entry> e : GIVEN.entrySet()) {
            Entry entry = e.getValue();
            List<Snippet> found = snippets(e.getKey(),
                    Files.readString(checkout.resolve(entry.source()), StandardCharsets.UTF_8));
            if (found.isEmpty()) {
                throw new IllegalStateException(entry.source() + ": an entry type without an example");
            }
            for (Snippet s : found) {
                String name = s.type() + "_" + s.number();
                StringBuilder src = new StringBuilder("package javadoc;\n\n");
                COMMON.forEach(i -> src.append("import ").append(i).append(";\n"));
                entry.imports().forEach(i -> src.append("import ").append(i).append(";\n"));
                src.append("\n/** ").append(entry.source()).append(", example ").append(s.number())
                        .append(" (line ").append(s.line()).append("). */\n")
                        .append("@SuppressWarnings(\"all\")\nabstract class ").append(name).append(" {\n");
                entry.given().lines().forEach(l -> src.append("    ").append(l).append('\n'));
                src.append("\n    void run() throws Exception {\n");
                s.body().forEach(l -> src.append(l.isBlank() ? "" : "        " + l).append('\n'));
                src.append("    }\n}\n");
                Files.writeString(pkg.resolve(name + ".java"), src.toString(), StandardCharsets.UTF_8);
                all.add(s);
            }
        }
        return all;
    }

    /**
     * Writes the examples of a checkout into a source root.
     *
     * @param args checkout, source root
     * @throws IOException when a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        List<Snippet> s = write(Path.of(args[0]), Path.of(args[1]));
        System.out.println(s.size() + " Javadoc examples of " + GIVEN.size() + " entry types");
    }
}
