package io.ocatopic.dpu.internal.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.ocatopic.dpu.Samples;
import io.ocatopic.dpu.render.DpuResources;
import io.ocatopic.core.Problem;
import io.ocatopic.kube.SchemaCheck;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The render through kube-support's SchemaCheck: the upstream CRD schemas and the rules found by ServiceLoader. */
class DpuConformanceTest {
    static String problems(SchemaCheck.Report report) {
        StringBuilder sb = new StringBuilder();
        report.results().stream().filter(r -> !r.conforms())
                .forEach(r -> r.problems().forEach(p -> sb.append('\n').append(r.ref()).append(' ').append(p)));
        return sb.toString();
    }

    @Test
    void bothClustersOfTheRenderWithASmartNicHostConform() {
        DpuResources r = Samples.twoDpuBuilder().smartNicHost("host-worker-2", "ens8f0").build().render();
        List<HasMetadata> infra = new ArrayList<>(r.infra());
        infra.addAll(r.infraNodes());
        SchemaCheck.Report infraReport = SchemaCheck.bundled().checkAll(infra);
        assertTrue(infraReport.conforms(), problems(infraReport));
        List<HasMetadata> tenant = new ArrayList<>(r.tenant());
        tenant.addAll(r.tenantNodes());
        SchemaCheck.Report tenantReport = SchemaCheck.bundled().checkAll(tenant);
        assertTrue(tenantReport.conforms(), problems(tenantReport));
    }

    @Test
    void theCheckerRunsTheRulesOfThisModule() {
        DpuResources r = Samples.twoDpuBuilder().smartNicHost("host-worker-2", "ens8f0").build().render();
        List<HasMetadata> tenant = new ArrayList<>(r.tenant());
        tenant.removeIf(o -> o.getMetadata().getName().equals("smartnic-mgmt-ens8f0"));
        tenant.addAll(r.tenantNodes());
        SchemaCheck.Report report = SchemaCheck.bundled().checkAll(tenant);
        List<Problem> onHost = report.results().get(tenant.size() - 1).problems();
        assertEquals(1, onHost.size(), problems(report));
        assertEquals("metadata.labels[network.operator.openshift.io/smart-nic]", onHost.get(0).path());
        assertEquals(1, report.results().stream().filter(x -> !x.conforms()).count(), problems(report));
    }
}
