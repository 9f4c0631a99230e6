package io.ocatopic.gpu.internal.mig;

import io.ocatopic.testing.Golden;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ocatopic.gpu.Demand;
import io.ocatopic.gpu.Fleet;
import io.ocatopic.gpu.GpuPartitioner;
import io.ocatopic.gpu.MigPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MigPartedConfigTest {
    private final GpuPartitioner gp = GpuPartitioner.withBuiltinCatalog();

    @Test
    void rendersPerIndexConfigThatPassesItsOwnSchemaRules() throws Exception {
        Fleet f = new Fleet(List.of(new Fleet.Node("worker-0", "", List.of(Fleet.Gpu.empty(0, "A100-40GB"),
                Fleet.Gpu.empty(1, "H100-80GB"), Fleet.Gpu.empty(2, "A100-40GB")))));
        MigPlan plan = gp.plan(f, List.of(Demand.fleetWide("1g.10gb", 4), Demand.fleetWide("1g.5gb", 3),
                Demand.fleetWide("3g.40gb", 2)));
        String yaml = gp.migPartedConfig(plan.nodes().get(0));
        Golden.assertMatches(Path.of("src/test/resources/golden", "mig-parted-worker-0.yaml"), yaml);
        assertEquals(List.of(), gp.validateMigPartedConfig(yaml, "").stream().map(Object::toString).toList());
        assertEquals(java.util.Map.of("nvidia.com/mig.config", "ocatopic-worker-0"), gp.nodeLabels(plan.nodes().get(0)));
    }

    @Test
    void validateReportsSchemaAndCatalogProblems() {
        String yaml = """
                version: v1
                mig-configs:
                  all-disabled:
                    - devices: all
                      mig-enabled: false
                  bad-disabled:
                    - devices: all
                      mig-enabled: false
                      mig-devices: {"1g.5gb": 7}
                  all-1g.10gb:
                    - device-filter: ["0x20B010DE", "0x233010DE"]
                      devices: all
                      mig-enabled: true
                      mig-devices:
                        "1g.10gb": 7
                  zero:
                    - devices: [0]
                      mig-enabled: true
                      mig-devices: {"1g.5gb": 0}
                  tight:
                    - devices: all
                      mig-enabled: true
                      mig-devices: {"1g.10gb": 4, "1g.5gb": 3}
                """;
        assertEquals(List.of(
                "mig-configs.bad-disabled[0]: MIG devices included when 'mig-enabled' is false",
                "mig-configs.all-1g.10gb[0] [A100-40GB]: 1g.10gb: 7 instances, at most 4 on A100-40GB",
                "mig-configs.all-1g.10gb[0] [A100-40GB]: memory slices: 14 needed, 8 on A100-40GB",
                "mig-configs.zero[0].mig-devices: counts must not all be 0",
                "mig-configs.tight[0] [A100-40GB]: memory slices: 11 needed, 8 on A100-40GB"),
                gp.validateMigPartedConfig(yaml, "A100-40GB").stream().map(Object::toString).toList());
        assertEquals(List.of("version: unknown version v2", "mig-configs: missing"),
                gp.validateMigPartedConfig("version: v2\n", "").stream().map(Object::toString).toList());
    }
}
