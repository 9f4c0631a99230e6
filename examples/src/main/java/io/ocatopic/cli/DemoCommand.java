package io.ocatopic.cli;

import io.ocatopic.dpu.DpuOffloadConfig;
import io.ocatopic.dpu.render.DpuResources;
import io.ocatopic.examples.DpuOffloadExample;
import io.ocatopic.scale.Phase;
import io.ocatopic.scale.PhaseReport;
import io.ocatopic.scale.ScaleConfig;
import io.ocatopic.scale.ScaleHarness;
import io.ocatopic.scale.ScaleReport;
import io.ocatopic.scale.ScaleSources;
import io.ocatopic.gpu.GpuPartitioner;
import io.ocatopic.gpu.Demand;
import io.ocatopic.gpu.Fleet;
import io.ocatopic.gpu.MigPlan;
import io.ocatopic.kmm.ModuleBuilder;
import io.ocatopic.kmm.ModuleSource;
import io.ocatopic.kmm.build.BuildResult;
import io.ocatopic.kmm.build.BuildResult.KernelImage;
import io.ocatopic.kmm.build.ContainerEngine;
import io.ocatopic.kmm.internal.build.RegistryClient;
import io.ocatopic.kmm.sign.SigningKeys.GeneratedKeys;
import io.ocatopic.kmm.sign.SigningKeys.KeyGenerator;
import io.ocatopic.kmm.sign.ModuleSignatureVerifier;
import io.ocatopic.kmm.sign.ModuleSigner;
import io.ocatopic.kmm.sign.SignResult;
import io.ocatopic.kmm.sign.VerificationResult;
import io.ocatopic.testing.EmbeddedApi;
import io.ocatopic.kube.ProgressEvent;
import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.kube.Secret;
import io.ocatopic.ztp.ChassisImport;
import io.ocatopic.ztp.ChassisRender.Format;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ocatopic demo}: the end-to-end run of the SDK on embedded defaults. Each step prints one report
 * line saying what it did and what it used; a step skips, with the reason, only when an outside component
 * it needs is absent.
 *
 * <ol>
 *   <li>chassis: import, validate and render the sample 3+1 chassis (ZTPFW format);</li>
 *   <li>module: build the sample module when a container engine, builder image and registry are
 *       reachable (the variables scripts/test-env.sh exports), else take the prebuilt sample; sign it
 *       with a fresh key and verify the signature;</li>
 *   <li>mig: plan MIG layouts for a sample fleet;</li>
 *   <li>dpu: render a two-DPU offload sample and plan one card's setup;</li>
 *   <li>acm-scale: a small ACM scale pass against the embedded API, cleaned up afterwards.</li>
 * </ol>
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = "Run the SDK end to end on embedded defaults and print a short report per step.",
        footer = {"%nExamples:",
                "  ocatopic demo",
                "  ocatopic demo --no-build --spokes 10 --out-dir /tmp/demo",
                "  ocatopic demo -q -o json"})
public final class DemoCommand implements Callable<Integer> {
    private static final String PREBUILT_KERNEL = "6.1.0-56-amd64";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out-dir", paramLabel = "DIR",
            description = "Directory for rendered files and the signed module (default: a new temporary directory).")
    Path out;

    @CommandLine.Mixin
    OutputOption output = new OutputOption();

    @Option(names = "--spokes", defaultValue = "50", description = "Spokes in the ACM scale pass (default: ${DEFAULT-VALUE}).")
    int spokes;

    @Option(names = "--no-build", description = "Never build the module, even when a container engine is reachable.")
    boolean noBuild;

    /** The outcome of one demo step. */
    enum Status { OK, SKIPPED, FAILED }

    /**
     * One line of the demo report.
     *
     * @param step   the step name
     * @param status how it ended
     * @param detail what it did and used, or why it skipped or failed
     */
    record Report(String step, Status status, String detail) {
    }

    /**
     * The whole demo, printed by {@code -o yaml|json}.
     *
     * @param version the SDK version
     * @param java    the Java version
     * @param output  the directory written to
     * @param steps   one report per step
     * @param failed  how many steps failed
     * @param skipped how many were skipped, each with its reason
     */
    record Demo(String version, String java, String output, List<Report> steps, long failed, long skipped) {
    }

    /** One demo step. */
    private interface Step {
        Report run(Path work) throws Exception;
    }

    @Override
    public Integer call() throws IOException {
        if (spokes < 1) {
            throw new IllegalArgumentException("--spokes " + spokes + ": the ACM scale pass needs at least 1 spoke");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        // text: the report lines as each step ends; yaml/json: nothing until the whole result
        PrintWriter pw = output.text() ? stdout : new PrintWriter(java.io.Writer.nullWriter());
        Path work = out != null ? Files.createDirectories(out) : Files.createTempDirectory("ocatopic-demo");
        pw.println("ocatopic " + Ocatopic.sdkVersion() + " demo (Java " + System.getProperty("java.version")
                + "), output in " + work);
        pw.flush();
        List<Report> reports = new ArrayList<>();
        run(reports, pw, "chassis", work, this::chassis);
        run(reports, pw, "module", work, this::module);
        run(reports, pw, "mig", work, this::mig);
        run(reports, pw, "dpu", work, this::dpu);
        run(reports, pw, "acm-scale", work, this::acmScale);
        long failed = reports.stream().filter(r -> r.status() == Status.FAILED).count();
        long skipped = reports.stream().filter(r -> r.status() == Status.SKIPPED).count();
        output.print(stdout, new Demo(Ocatopic.sdkVersion(), System.getProperty("java.version"), work.toString(), reports,
                failed, skipped), () -> stdout.println(failed == 0
                ? "demo: " + (reports.size() - skipped) + " steps passed, " + skipped + " skipped with a reason"
                : "demo: " + failed + " step(s) failed"));
        return failed == 0 ? 0 : 1;
    }

    private static void run(List<Report> reports, PrintWriter pw, String name, Path work, Step step) {
        long t0 = System.nanoTime();
        Report r;
        try {
            r = step.run(work);
        } catch (Exception e) {
            r = new Report(name, Status.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        pw.printf("  %-10s %-7s %s (%d ms)%n", r.step(), r.status(), r.detail(), ms);
        pw.flush();
        reports.add(r);
    }

    private Report chassis(Path work) throws IOException {
        String text = resource("/samples/chassis-3plus1.yaml");
        ChassisSpec chassis = ChassisImport.ztpfw("factory.example.com", Secret.of(ChassisSpec.SAMPLE_PULL_SECRET))
                .parse(text);
        List<Path> files = chassis.render().write(work.resolve("chassis"), Format.AGENT, Format.ASSISTED);
        String clusters = chassis.clusters().stream()
                .map(c -> c.name() + " " + c.layout() + " " + c.nodes().size() + " nodes")
                .collect(Collectors.joining(", "));
        return new Report("chassis", Status.OK, "samples/chassis-3plus1.yaml (ZTPFW) valid: " + clusters
                + "; rendered " + files.size() + " files (install-config, agent-config, NMState, mirrors, hub CRs, ACM import)");
    }

    private Report module(Path work) throws Exception {
        Path dir = Files.createDirectories(work.resolve("module"));
        GeneratedKeys keys = KeyGenerator.rsa(2048).commonName("ocatopic demo signing key").generate();
        keys.writeTo(dir.resolve("signing_key.pem"), dir.resolve("signing_key.x509"));
        ModuleSigner signer = ModuleSigner.of(keys.signingKeys());
        ModuleSignatureVerifier verifier = ModuleSignatureVerifier.trusting(keys.signingKeys().certificate());

        Optional<String> engineMissing = noBuild ? Optional.of("--no-build") : missingBuildEnvironment();
        if (engineMissing.isEmpty()) {
            return buildSignVerify(dir, signer, verifier);
        }
        Path ko = dir.resolve("hello.ko");
        try (InputStream in = DemoCommand.class.getResourceAsStream("/samples/hello-" + PREBUILT_KERNEL + ".ko")) {
            Files.copy(in, ko);
        }
        SignResult signed = signer.sign(ko, ko);
        VerificationResult v = verifier.verify(ko);
        return new Report("module", v.status().ok() ? Status.OK : Status.FAILED,
                "prebuilt samples/hello-" + PREBUILT_KERNEL + ".ko (no build: " + engineMissing.get() + "); signed "
                        + signed.hash().kernelName() + ", sig_len " + signed.signatureBytes() + "; verify: " + v.status()
                        + " " + v.signature().map(s -> "signer=" + s.signer().orElse("") + " sig_key=" + s.keyId()).orElse(""));
    }

    private static Optional<String> missingBuildEnvironment() {
        String host = System.getenv("DOCKER_HOST");
        if (host == null || host.isBlank()) {
            return Optional.of("DOCKER_HOST not set");
        }
        if (host.startsWith("unix://") && !Files.exists(Path.of(host.substring("unix://".length())))) {
            return Optional.of("no Docker API at " + host);
        }
        for (String v : List.of("OCATOPIC_BUILDER_IMAGE", "OCATOPIC_BASE_IMAGE", "OCATOPIC_TEST_REGISTRY")) {
            String value = System.getenv(v);
            if (value == null || value.isBlank()) {
                return Optional.of(v + " not set");
            }
        }
        return Optional.empty();
    }

    private static Report buildSignVerify(Path dir, ModuleSigner signer, ModuleSignatureVerifier verifier) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(src.resolve("hello.c"), resource("/samples/hello.c"));
        Files.writeString(src.resolve("Makefile"), "obj-m := hello.o\n");
        String kernel = Optional.ofNullable(System.getenv("OCATOPIC_TEST_KERNELS")).map(String::trim)
                .filter(s -> !s.isEmpty()).map(s -> s.split("\\s+")[0]).orElse(PREBUILT_KERNEL);
        ModuleBuilder builder = ModuleBuilder.forModule("hello").namespace("ocatopic-demo")
                .source(ModuleSource.makefile(src))
                .kernels(kernel)
                .image(System.getenv("OCATOPIC_TEST_REGISTRY") + "/ocatopic-demo/${MOD_NAME}:${KERNEL_FULL_VERSION}")
                .builderImage(System.getenv("OCATOPIC_BUILDER_IMAGE"))
                .baseImage(System.getenv("OCATOPIC_BASE_IMAGE"))
                .insecureRegistry(true)
                .signWith(signer);
        try (ContainerEngine engine = ContainerEngine.connect(System.getenv("DOCKER_HOST"))) {
            BuildResult result = builder.build(engine, ProgressEvent.Listener.NONE);
            KernelImage image = result.images().get(0);
            // read the module back from the registry by digest, as a spoke would pull it
            Path extracted = Files.createDirectories(dir.resolve("from-image"));
            RegistryClient.insecure().pull(image.pinned(), extracted);
            Path ko;
            try (Stream<Path> files = Files.walk(extracted)) {
                ko = files.filter(p -> p.getFileName().toString().equals("hello.ko")).findFirst()
                        .orElseThrow(() -> new IOException("hello.ko not found in " + image.image()));
            }
            VerificationResult v = verifier.verify(ko);
            return new Report("module", v.status().ok() ? Status.OK : Status.FAILED,
                    "built samples/hello.c for " + kernel + " in " + System.getenv("OCATOPIC_BUILDER_IMAGE")
                            + ", signed, pushed " + image.pinned() + "; verify after pulling it back: " + v.status()
                            + v.signature().map(s -> " signer=" + s.signer().orElse("") + " " + s.hashAlgorithm()).orElse(""));
        }
    }

    private Report mig(Path work) {
        GpuPartitioner partitioner = GpuPartitioner.withBuiltinCatalog();
        Fleet fleet = new Fleet(List.of(
                new Fleet.Node("gpu-worker-0", "", List.of(Fleet.Gpu.empty(0, "A100-40GB"), Fleet.Gpu.empty(1, "A100-40GB"))),
                new Fleet.Node("gpu-worker-1", "", List.of(Fleet.Gpu.empty(0, "H100-80GB"), Fleet.Gpu.empty(1, "H100-80GB")))));
        List<Demand> demand = List.of(Demand.fleetWide("1g.10gb", 6), Demand.fleetWide("1g.5gb", 3),
                Demand.fleetWide("3g.40gb", 2), Demand.fleetWide("2g.20gb", 1));
        MigPlan plan = partitioner.plan(fleet, demand);
        long actions = plan.nodes().stream().mapToLong(n -> n.actions().size()).sum();
        return new Report("mig", plan.satisfiedTotal() == plan.demandedTotal() ? Status.OK : Status.FAILED,
                "2 nodes x 2 GPUs (A100-40GB, H100-80GB): " + plan.satisfiedTotal() + "/" + plan.demandedTotal()
                        + " instances placed on " + plan.touchedGpus() + " GPUs by " + plan.method() + ", "
                        + actions + " NVML actions planned");
    }

    private Report dpu(Path work) {
        DpuOffloadConfig cfg = DpuOffloadExample.sampleConfig();
        DpuResources resources = cfg.render();
        List<Path> files = resources.writeTo(work.resolve("dpu"));
        int steps = cfg.planCard("dpu-worker-0").describe().size();
        return new Report("dpu", Status.OK, "BF2 + BF3 shared-OVN sample: " + resources.infra().size()
                + " infrastructure-cluster objects, " + resources.tenant().size() + " tenant-cluster objects, "
                + files.size() + " files; card setup of dpu-worker-0: " + steps + " steps planned (dry run)");
    }

    private Report acmScale(Path work) {
        try (EmbeddedApi api = EmbeddedApi.start()) {
            ScaleConfig config = ScaleConfig.builder().spokes(spokes).concurrency(4)
                    .phases(List.of(Phase.CREATE, Phase.UPDATE, Phase.DELETE)).build();
            ScaleReport report = ScaleHarness.of(api.client(), ScaleSources.acm(), config).run();
            String phases = report.phases().stream().map(DemoCommand::phase).collect(Collectors.joining(", "));
            boolean ok = report.remaining() == 0 && report.phases().stream().allMatch(p -> p.errors() == 0);
            return new Report("acm-scale", ok ? Status.OK : Status.FAILED, spokes + " spokes x "
                    + report.sourceOrigin() + " against the embedded API at concurrency 4: " + phases
                    + "; left behind: " + report.remaining());
        }
    }

    private static String phase(PhaseReport p) {
        return String.format("%s %.0f obj/s p95 %.1f ms", p.phase().name().toLowerCase(java.util.Locale.ROOT),
                p.objectsPerSecond(), p.write().p95Ms());
    }

    private static String resource(String name) {
        try (InputStream in = DemoCommand.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
