package io.ocatopic.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocatopic.kube.SchemaCheck;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** DpfSets on its own, until the lead wires it into ConformanceTest. */
class DpfSetsTest {
    @Test
    void everyDpfSetConforms() {
        Map<String, Supplier<List<?>>> sets = new LinkedHashMap<>();
        DpfSets.addTo(sets);
        for (Map.Entry<String, Supplier<List<?>>> e : sets.entrySet()) {
            SchemaCheck.Report r = SchemaCheck.bundled().checkAll(e.getValue().get());
            StringBuilder sb = new StringBuilder(e.getKey());
            r.results().stream().filter(x -> !x.conforms()).forEach(x -> sb.append('\n').append(x.ref()).append(' ').append(x.problems()));
            assertTrue(r.conforms() && !r.results().isEmpty(), sb.toString());
        }
    }
}
