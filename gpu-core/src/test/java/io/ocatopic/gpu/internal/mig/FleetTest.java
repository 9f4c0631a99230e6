package io.ocatopic.gpu.internal.mig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocatopic.gpu.Demand;
import io.ocatopic.gpu.Fleet;
import io.ocatopic.gpu.GpuException;
import io.ocatopic.gpu.GpuPartitioner;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading a fleet validates it at the edge: every problem names its field path. */
class FleetTest {

    private static List<String> problems(String yaml) {
        GpuException e = assertThrows(GpuException.class, () -> Fleet.fromYaml(yaml));
        assertEquals(GpuException.Reason.INVALID, e.reason());
        return e.problems().stream().map(Object::toString).toList();
    }

    @Test
    void aMinimalFleetReadsWithDefaults() {
        Fleet f = Fleet.fromYaml("""
                nodes:
                - name: w0
                  gpus:
                  - {index: 0, model: A100-40GB}
                  - {index: 1, model: H100-80GB, migEnabled: true, instances: [{profile: 3g.40gb, start: 4, busy: true}]}
                """);
        assertEquals(2, f.gpuCount());
        Fleet.Node n = f.nodes().get(0);
        assertEquals("", n.group());
        assertEquals(List.of(), n.gpus().get(0).instances());
        assertEquals(new Fleet.Instance("3g.40gb", 4, true), n.gpus().get(1).instances().get(0));
    }

    @Test
    void badFieldsAreNamedByTheirPath() {
        assertEquals(List.of("nodes[1].gpus[0].index: -1 is not an NVML index (0 or more)",
                        "nodes[1].gpus[0].model: required, a catalog key (A100-40GB), an NVML product name"
                                + " (NVIDIA A100-SXM4-40GB) or a PCI id (0x20B010DE)"),
                problems("""
                        nodes:
                        - {name: a, gpus: [{index: 0, model: A30}]}
                        - {name: b, gpus: [{index: -1}]}
                        """));
        assertEquals(List.of("nodes[0].gpus[1].index: 0 appears twice on this node"),
                problems("nodes: [{name: a, gpus: [{index: 0, model: A30}, {index: 0, model: A30}]}]"));
        assertEquals(List.of("nodes[1].name: \"a\" appears twice"),
                problems("nodes: [{name: a}, {name: a}]"));
        assertEquals(List.of("nodes[0].gpus[0].instances[0].start: 9 is not a memory slice (0..7)"),
                problems("nodes: [{name: a, gpus: [{index: 0, model: A30, migEnabled: true, instances: [{profile: 1g.6gb, start: 9}]}]}]"));
        assertEquals(List.of("nodes[0].gpus[0].instances: 1 GPU instance(s) but migEnabled is false"),
                problems("nodes: [{name: a, gpus: [{index: 0, model: A30, instances: [{profile: 1g.6gb, start: 0}]}]}]"));
        assertEquals(List.of("nodes[0].gpus[0].index: required"),
                problems("nodes: [{name: a, gpus: [{model: A30}]}]"));
        assertEquals(List.of("nodes[0].gpus[0].index: expected an integer"),
                problems("nodes: [{name: a, gpus: [{index: zero, model: A30}]}]"));
        assertEquals(List.of("nodes[0].gpus[1]: empty entry"),
                problems("nodes: [{name: a, gpus: [{index: 0, model: A30}, ~]}]"));
        assertEquals(List.of("nodes[0].gpus[0].instances[0]: empty entry"),
                problems("nodes: [{name: a, gpus: [{index: 0, model: A30, migEnabled: true, instances: [~]}]}]"));
        List<String> unknown = problems("nodes: [{name: a, gpu: []}]");
        assertTrue(unknown.get(0).startsWith("nodes[0].gpu: unknown field (known: "), unknown.toString());
    }

    /** Issue 16: device indexes -1 and 999999999999 were accepted; each is refused with its path. */
    @Test
    void deviceIndexOutOfRangeIsRejectedWithItsPath() {
        assertEquals(List.of("nodes[0].gpus[0].index: -1 is not an NVML index (0 or more)"),
                problems("nodes: [{name: a, gpus: [{index: -1, model: A30}]}]"));
        for (String big : List.of("999999999999", "2147483648", "-999999999999", "99999999999999999999999")) {
            List<String> p = problems("nodes: [{name: a, gpus: [{index: 0, model: A30}, {index: " + big + ", model: A30}]}]");
            assertEquals(1, p.size(), p.toString());
            assertTrue(p.get(0).startsWith("nodes[0].gpus[1].index: " + big + " is not an NVML index"), p.toString());
        }
        List<String> json = problems("{\"nodes\": [{\"name\": \"a\", \"gpus\": [{\"index\": 999999999999, \"model\": \"A30\"}]}]}");
        assertTrue(json.get(0).startsWith("nodes[0].gpus[0].index: 999999999999 is not an NVML index"), json.toString());
        // a fraction is not an index either (it would otherwise be truncated to 1 silently)
        assertEquals(List.of("nodes[0].gpus[0].index: expected an integer"),
                problems("nodes: [{name: a, gpus: [{index: 1.5, model: A30}]}]"));
        // and the records refuse what a program passes directly
        GpuException e = assertThrows(GpuException.class, () -> Fleet.Gpu.empty(-1, "A30"));
        assertEquals(List.of("index: -1 is not an NVML index (0 or more)"),
                e.problems().stream().map(Object::toString).toList());
    }

    @Test
    void textThatIsNotYamlSaysWhere() {
        GpuException e = assertThrows(GpuException.class, () -> Fleet.fromYaml("nodes: [\n"));
        assertEquals(GpuException.Reason.INVALID, e.reason());
        assertTrue(e.getMessage().startsWith("fleet is not valid YAML at line "), e.getMessage());
    }

    @Test
    void planningNamesUnknownModelsAndInvalidLayoutsByPath() {
        Fleet f = Fleet.fromYaml("""
                nodes:
                - name: w0
                  gpus:
                  - {index: 0, model: Z100}
                  - {index: 1, model: A100-40GB, migEnabled: true, instances: [{profile: 3g.20gb, start: 2}]}
                """);
        GpuException e = assertThrows(GpuException.class,
                () -> GpuPartitioner.withBuiltinCatalog().plan(f, List.of(Demand.fleetWide("1g.5gb", 1))));
        assertEquals(GpuException.Reason.INVALID, e.reason());
        assertTrue(e.problems().get(0).toString().startsWith("nodes[0].gpus[0].model: \"Z100\" is not in the catalog; name a model"
                + " by its key (A30, "),
                e.problems().toString());
        assertTrue(e.problems().get(1).toString().startsWith("nodes[0].gpus[1].instances: the current layout [3g.20gb@2] of w0 GPU 1"
                + " is not valid for A100-40GB: "), e.problems().toString());
    }

    /** Issue 16 case 9: a fleet node given twice was silently renamed (the last key won). */
    @Test
    void duplicateKeysAreRefusedWithTheirPath() {
        List<String> p = problems("""
                nodes:
                - name: w0
                  name: w1
                  gpus: [{index: 0, model: A100-40GB}]
                """);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("nodes[0]: duplicate key \"name\""), p.toString());
    }

    /** Issue 16 case 9: any YAML of 3 MiB or more was "not valid YAML" (SnakeYAML's code-point limit). */
    @Test
    void aFleetOfMoreThanThreeMebibytesLoads() {
        StringBuilder sb = new StringBuilder("nodes:\n");
        int n = 0;
        while (sb.length() < 4 * 1024 * 1024) {
            sb.append("- name: node-").append(n++).append("\n  gpus: [{index: 0, model: A100-40GB}, {index: 1, model: H100-80GB}]\n");
        }
        assertEquals(2 * n, Fleet.fromYaml(sb.toString()).gpuCount());
    }
}
