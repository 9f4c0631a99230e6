package io.ocatopic.gpu.internal.mig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ocatopic.core.Problem;
import io.ocatopic.gpu.Fleet;
import io.ocatopic.gpu.GpuException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The minimal inputs that {@link FleetYamlProperties} found, one test each, named after the bug. */
class FleetYamlRegressionTest {
    @Test
    void anUnknownFieldWithASpaceInItsNameKeepsItsPath() {
        GpuException e = assertThrows(GpuException.class,
                () -> Fleet.fromYaml("nodes:\n  - name: n\n    gpus:\n      - index: 0\n        model: A30\n        instan- ces: []\n"));
        List<Problem> p = e.problems();
        assertEquals(1, p.size(), p.toString());
        assertEquals("nodes[0].gpus[0].instan- ces", p.get(0).path());
    }
}
