package io.ocatopic.cli;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.ocatopic.kube.EmbeddedApi;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ocatopic demo}: the end-to-end run of the SDK on embedded defaults. Each step prints one
 * report line: what it did and used, or why it was skipped (only when an outside component is absent).
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = "Run the SDK end to end on embedded defaults and print a short report per step.")
public final class DemoCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The outcome of one demo step. */
    enum Status { OK, SKIPPED, FAILED }

    /**
     * One line of the demo report.
     *
     * @param step   the step name
     * @param status how it ended
     * @param detail what it did or why it skipped
     */
    record Report(String step, Status status, String detail) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("ocatopic " + Ocatopic.sdkVersion() + " demo (Java " + System.getProperty("java.version") + ")");
        List<Report> reports = new ArrayList<>();
        reports.add(embeddedApi());
        reports.add(containerEngine());
        reports.add(registry());
        reports.add(kernelTools());
        int failed = 0;
        for (Report r : reports) {
            out.printf("  %-16s %-7s %s%n", r.step(), r.status(), r.detail());
            if (r.status() == Status.FAILED) {
                failed++;
            }
        }
        out.println(failed == 0 ? "demo: all steps passed or skipped with a reason" : "demo: " + failed + " step(s) failed");
        out.flush();
        return failed == 0 ? 0 : 1;
    }

    private static Report embeddedApi() {
        long t0 = System.nanoTime();
        try (EmbeddedApi api = EmbeddedApi.start()) {
            ConfigMap cm = new ConfigMapBuilder().withNewMetadata().withName("ocatopic-demo")
                    .withNamespace("default").endMetadata().addToData("hello", "edge").build();
            api.applier().apply(cm);
            String back = api.client().configMaps().inNamespace("default").withName("ocatopic-demo").get()
                    .getData().get("hello");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            return "edge".equals(back)
                    ? new Report("embedded-api", Status.OK, "applied and read back a ConfigMap at " + api.url() + " in " + ms + " ms")
                    : new Report("embedded-api", Status.FAILED, "read back " + back);
        } catch (RuntimeException e) {
            return new Report("embedded-api", Status.FAILED, e.toString());
        }
    }

    private static Report containerEngine() {
        Optional<String> host = Optional.ofNullable(System.getenv("DOCKER_HOST")).filter(s -> !s.isBlank());
        String target = host.orElse("unix:///var/run/docker.sock");
        if (target.startsWith("unix://") && !Files.exists(Path.of(target.substring("unix://".length())))) {
            return new Report("container-engine", Status.SKIPPED, "no Docker API at " + target
                    + " (scripts/test-env.sh starts podman's)");
        }
        return new Report("container-engine", Status.OK, "Docker API at " + target);
    }

    private static Report registry() {
        Optional<String> reg = Optional.ofNullable(System.getenv("OCATOPIC_TEST_REGISTRY")).filter(s -> !s.isBlank());
        if (reg.isEmpty()) {
            return new Report("registry", Status.SKIPPED, "OCATOPIC_TEST_REGISTRY not set (scripts/test-env.sh starts one)");
        }
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://" + reg.get() + "/v2/"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
            return new Report("registry", r.statusCode() == 200 ? Status.OK : Status.FAILED,
                    "distribution API at " + reg.get() + " answered " + r.statusCode());
        } catch (java.io.IOException e) {
            return new Report("registry", Status.FAILED, reg.get() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Report("registry", Status.FAILED, "interrupted");
        }
    }

    private static Report kernelTools() {
        Path signFile = Path.of("/usr/lib/linux-kbuild-6.1/scripts/sign-file");
        Path modinfo = Path.of("/usr/sbin/modinfo");
        boolean s = Files.isExecutable(signFile);
        boolean m = Files.isExecutable(modinfo) || Files.isExecutable(Path.of("/sbin/modinfo"));
        if (!s && !m) {
            return new Report("kernel-tools", Status.SKIPPED, "sign-file and modinfo not installed (peers for kmm)");
        }
        return new Report("kernel-tools", Status.OK, "sign-file " + (s ? "present" : "absent")
                + ", modinfo " + (m ? "present" : "absent"));
    }
}
