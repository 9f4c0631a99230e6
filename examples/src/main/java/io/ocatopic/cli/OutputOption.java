package io.ocatopic.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.ocatopic.kube.Manifests;
import io.ocatopic.kube.internal.Mappers;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Collection;
import picocli.CommandLine.Option;

/**
 * {@code -o text|yaml|json}, the output format of every command that prints a result (kubectl's habit):
 * {@code text} for people (the default), {@code yaml} and {@code json} the same data for programs. The data
 * is the command's result value (a record, a list, a map, or Kubernetes objects), serialised with the SDK's one
 * mapper configuration, so its field names are the result type's accessor names and stay stable.
 */
final class OutputOption {
    /** The output formats. */
    enum Format {
        /** Lines for people. */
        TEXT,
        /** One YAML document (a multi-document stream for Kubernetes objects). */
        YAML,
        /** One JSON value, pretty-printed. */
        JSON
    }

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text", converter = FormatConverter.class,
            description = "Output format: text, yaml or json (default: ${DEFAULT-VALUE}); yaml and json carry the same data.")
    Format format = Format.TEXT;

    /** Reads {@code text}, {@code yaml} or {@code json} in any case, whatever the command line's own settings. */
    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            for (Format f : Format.values()) {
                if (f.name().equalsIgnoreCase(value)) {
                    return f;
                }
            }
            throw new picocli.CommandLine.TypeConversionException("expected text, yaml or json but was '" + value + "'");
        }
    }

    /** @return whether the result is printed as text for people */
    boolean text() {
        return format == Format.TEXT;
    }

    /**
     * Prints the result: the data as YAML or JSON, or the text form.
     *
     * @param out  standard output
     * @param data the result value
     * @param text prints the text form
     */
    void print(PrintWriter out, Object data, Runnable text) {
        switch (format) {
            case TEXT -> text.run();
            case YAML -> out.print(yaml(data));
            case JSON -> out.println(json(data));
        }
        out.flush();
    }

    /**
     * The YAML text of a result: Kubernetes objects as a multi-document stream, anything else as one document.
     *
     * @param data the result value
     * @return the YAML text
     */
    static String yaml(Object data) {
        if (data instanceof HasMetadata o) {
            return Manifests.yaml(o);
        }
        if (data instanceof Collection<?> c && !c.isEmpty() && c.stream().allMatch(HasMetadata.class::isInstance)) {
            return Manifests.yaml(c.stream().map(HasMetadata.class::cast).toList());
        }
        try {
            return Mappers.yaml().writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The JSON text of a result, pretty-printed.
     *
     * @param data the result value
     * @return the JSON text
     */
    static String json(Object data) {
        try {
            return Mappers.prettyJson().writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
