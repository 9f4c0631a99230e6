package io.ocatopic.cli;

import io.ocatopic.kube.KubeException;
import io.ocatopic.core.Problem;
import io.ocatopic.kube.SchemaCheck;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ocatopic lint [FILE|DIR|-]...}: checks Kubernetes YAML offline against the upstream CRDs bundled
 * with ocatopic and the consuming operators' admission rules ({@link SchemaCheck}), as a factory needs before
 * it ships a chassis. One line per problem on stdout ({@code -o yaml|json}: the findings as data); the count on stderr.
 */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = "Check Kubernetes YAML (rendered by ocatopic or written by hand) offline against the bundled"
                + " upstream CRDs and the operators' admission rules.",
        footer = {"", "Exit: 0 every object conforms, 1 problems found, 2 bad input.", "",
            "Examples:", "  ocatopic ztp render chassis.yaml --out-dir out && ocatopic lint out",
            "  ocatopic dpu render -f dpu.yaml --cluster infra | ocatopic lint -",
            "  ocatopic lint --crd my-crd.yaml manifests/",
            "  ocatopic lint -o json out/hub"})
public final class LintCommand implements Callable<Integer> {
    /** Installer inputs that share the YAML shape of API objects but are read by openshift-install, not a server. */
    private static final Set<String> INSTALLER_INPUTS = Set.of("InstallConfig", "AgentConfig");

    @Parameters(paramLabel = "FILE|DIR|-", arity = "1..*", description = "YAML or JSON files, folders, or - for stdin.")
    List<String> inputs;

    @Option(names = "--crd", paramLabel = "FILE", description = "Also check against the CRDs in this file (repeatable).")
    List<Path> crds = new ArrayList<>();

    @CommandLine.Mixin
    OutputOption output = new OutputOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<YamlDocuments.Doc> docs;
        SchemaCheck check;
        try {
            docs = YamlDocuments.read(inputs, System.in);
            check = crds.isEmpty() ? SchemaCheck.bundled() : SchemaCheck.bundled().withCrds(crds);
        } catch (YamlDocuments.BadInput e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (KubeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        List<Map<String, Object>> findings = new ArrayList<>();
        List<YamlDocuments.Doc> objects = new ArrayList<>();
        int skipped = 0;
        for (YamlDocuments.Doc d : docs) {
            if (d.tree() == null) {
                findings.add(finding(d, "?", new Problem("", "the document is not a mapping (an object with apiVersion and kind)")));
            } else if (INSTALLER_INPUTS.contains(String.valueOf(d.tree().get("kind")))
                    || (!d.tree().containsKey("apiVersion") && !d.tree().containsKey("kind"))) {
                // openshift-install's inputs, NMState files: YAML that no API server reads
                skipped++;
            } else {
                objects.add(d);
            }
        }
        SchemaCheck.Report report = check.checkAll(objects.stream().map(YamlDocuments.Doc::tree).toList());
        for (int i = 0; i < objects.size(); i++) {
            SchemaCheck.Result r = report.results().get(i);
            for (Problem p : r.problems()) {
                findings.add(finding(objects.get(i), r.ref(), p));
            }
        }
        output.print(out, findings, () -> {
            for (Map<String, Object> f : findings) {
                out.println(f.get("file") + "#" + f.get("document") + ": " + f.get("object") + ": "
                        + (String.valueOf(f.get("path")).isEmpty() ? "" : f.get("path") + ": ") + f.get("message"));
            }
        });
        out.flush();
        err.println(objects.size() + " objects checked, " + report.conforming() + " conform"
                + (skipped > 0 ? " (" + skipped + " document" + (skipped == 1 ? "" : "s")
                + " that no API server reads not checked: installer inputs, NMState)" : ""));
        err.flush();
        return findings.isEmpty() ? 0 : 1;
    }

    private static Map<String, Object> finding(YamlDocuments.Doc d, String ref, Problem p) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("file", d.source());
        f.put("document", d.document());
        f.put("object", ref);
        f.put("path", p.path());
        f.put("message", p.message());
        return f;
    }
}
