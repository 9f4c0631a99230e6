package io.ocatopic.kube.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MappersTest {
    @Test
    void stringsAYaml11ParserWouldReadAsNumbersAreQuotedAndReadBackAsStrings() throws Exception {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("busId", "00000000:41:00.0");      // YAML 1.1 base-60 float unquoted
        in.put("time", "10:30");                   // base-60 int
        in.put("hex", "0x1F");
        in.put("mac", "aa:bb:cc:dd:ee:ff");        // not a number: may stay plain
        in.put("plain", "worker-0");
        String yaml = Mappers.yaml().writeValueAsString(in);
        assertEquals(in, Mappers.yaml().readValue(yaml, new TypeReference<Map<String, Object>>() { }), yaml);
        for (String quoted : new String[] {"\"00000000:41:00.0\"", "\"10:30\"", "\"0x1F\""}) {
            assertEquals(true, yaml.contains(quoted), quoted + " in " + yaml);
        }
        assertEquals(true, yaml.contains("plain: worker-0"), yaml);
    }
}
