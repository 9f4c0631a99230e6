package io.ocatopic.gpu.mig;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;

/**
 * The YAML mapper for mig-parted and vgpu-device-manager configs: minimal quotes, no document marker, and
 * PCI ids such as {@code 0x20B010DE} always quoted. Unquoted, YAML 1.1 (go-yaml under sigs.k8s.io/yaml,
 * which both tools use) reads {@code 0x20B010DE} as the integer 548409566, and mig-parted's
 * {@code MigConfigSpec.UnmarshalJSON} (NVIDIA/mig-parted {@code api/spec/v1/spec.go}) accepts
 * {@code device-filter} only as a string or a list of strings.
 *
 * <pre>{@code
 * String yaml = ConfigYaml.mapper().writeValueAsString(root);
 * }</pre>
 */
public final class ConfigYaml {
    private static final ObjectMapper MAPPER = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .stringQuotingChecker(new HexQuoting())
            .build());

    private ConfigYaml() {
    }

    /** @return the shared, immutable-configured mapper */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Quotes hexadecimal-looking values as well as the defaults. */
    private static final class HexQuoting extends StringQuotingChecker.Default {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean needToQuoteValue(String value) {
            return super.needToQuoteValue(value) || value.regionMatches(true, 0, "0x", 0, 2);
        }
    }
}
