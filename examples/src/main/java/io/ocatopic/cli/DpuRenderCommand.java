package io.ocatopic.cli;

import io.ocatopic.dpu.DpuOffloadConfig;
import io.ocatopic.dpu.dpf.DpfResources;
import io.ocatopic.dpu.render.DpuResources;
import java.util.List;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ocatopic dpu render}: renders both clusters' resources of a DpuOffloadConfig file. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Render a DPU offload config (YAML): shared-OVN nodes to infra/ and tenant/, DPF (BlueField-3) nodes to dpf/.",
        footer = {"", "Examples:", "  ocatopic dpu render -f dpu.yaml -o out/", "  ocatopic dpu render -f dpu.yaml | ocatopic apply -f - --dry-run=server --kubeconfig host.kubeconfig"})
public final class DpuRenderCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    DpuConfigFile config = new DpuConfigFile();

    @Option(names = {"-o", "--output"}, description = "write one file per object below this directory (default: print)")
    Path output;

    @Override
    public Integer call() throws IOException {
        // failures propagate: Ocatopic reports them in one line and maps them to the exit code
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DpuOffloadConfig cfg = config.load();
        DpuResources r = cfg.render();
        DpfResources dpf = cfg.renderDpf();
        if (output == null) {
            r.files().forEach((name, text) -> out.print("# file: " + name + "\n" + text));
            dpf.files().forEach((name, text) -> out.print("# file: " + name + "\n" + text));
        } else {
            List<Path> written = new java.util.ArrayList<>(r.writeTo(output));
            written.addAll(dpf.writeTo(output));
            for (Path p : written) {
                err.println("wrote " + p);
            }
        }
        out.flush();
        return 0;
    }
}
