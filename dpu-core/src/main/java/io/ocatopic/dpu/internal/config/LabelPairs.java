package io.ocatopic.dpu.internal.config;

import java.util.LinkedHashMap;
import java.util.Map;

/** Mode label text ({@code key=value} or {@code key}) as a one-entry map. */
public final class LabelPairs {
    private LabelPairs() {
    }

    /**
     * @param keyValue {@code key=value} or {@code key}
     * @return a one-entry map
     */
    public static Map<String, String> asMap(String keyValue) {
        int i = keyValue.indexOf('=');
        Map<String, String> m = new LinkedHashMap<>();
        m.put(i < 0 ? keyValue : keyValue.substring(0, i), i < 0 ? "" : keyValue.substring(i + 1));
        return m;
    }
}
