package io.ocatopic.kube.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;

/**
 * The one Jackson configuration of ocatopic's own files and wire formats (state files, journals, registry
 * manifests, operator config files). User files are read through {@link UserFiles} (the same mappers with
 * strict duplicate detection and document limits); Kubernetes objects through {@link KubeYaml} (fabric8's
 * serialization). The mappers are shared: never reconfigure them; take an {@code ObjectReader} /
 * {@code ObjectWriter} for per-call settings.
 */
public final class Mappers {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .stringQuotingChecker(new HexQuoting())
            .build());

    private Mappers() {
    }

    /** @return the shared JSON mapper (compact output; unknown properties fail unless a type says otherwise) */
    public static ObjectMapper json() {
        return JSON;
    }

    /** @return a writer of indented JSON */
    public static ObjectWriter prettyJson() {
        return JSON.writer().with(SerializationFeature.INDENT_OUTPUT);
    }

    /**
     * The shared YAML mapper: no {@code ---} marker, minimal quotes, but strings that YAML would read as
     * something else (numbers, booleans, {@code 0x..} hex) quoted.
     *
     * @return the mapper
     */
    public static ObjectMapper yaml() {
        return YAML;
    }

    /**
     * A YAML writer that also quotes every string that looks like a number (the chassis file format).
     *
     * @return the writer
     */
    public static ObjectWriter yamlQuotingNumbers() {
        return YAML.writer().with(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS);
    }

    /**
     * Quotes hexadecimal-looking values as well as the defaults, and YAML 1.1 base-60 numbers: a PCI bus id such
     * as {@code 00000000:41:00.0} or a time such as {@code 10:30} reads back as a number in YAML 1.1 parsers
     * (SnakeYAML's, so Jackson's, and PyYAML's) unless quoted.
     */
    private static final class HexQuoting extends StringQuotingChecker.Default {
        private static final long serialVersionUID = 1L;
        /** YAML 1.1's sexagesimal int and float forms. */
        private static final java.util.regex.Pattern SEXAGESIMAL =
                java.util.regex.Pattern.compile("[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?");

        @Override
        public boolean needToQuoteValue(String value) {
            return super.needToQuoteValue(value) || value.regionMatches(true, 0, "0x", 0, 2)
                    || SEXAGESIMAL.matcher(value).matches();
        }
    }
}
