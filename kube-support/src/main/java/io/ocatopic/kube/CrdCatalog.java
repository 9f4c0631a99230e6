package io.ocatopic.kube;

import io.ocatopic.kube.internal.Mappers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CRDs a {@link SchemaCheck} knows: the ones bundled in kube-support (listed in {@code crds/index.tsv},
 * parsed on first use of a type) and any the caller adds. Thread-safe.
 */
final class CrdCatalog {
    static final String DIR = "/io/ocatopic/kube/crds/";
    private static final ObjectMapper YAML = Mappers.yaml();

    /** One served version of one CRD. */
    record Entry(String apiVersion, String kind, String plural, boolean namespaced, boolean statusSubresource, String file) {
    }

    private final Map<String, Entry> entries;
    /** Parsed CRD documents by source (resource file name, or absolute path of an added file). */
    private final Map<String, List<JsonNode>> parsed = new ConcurrentHashMap<>();
    private final Map<String, TypeSchema> schemas = new ConcurrentHashMap<>();

    private CrdCatalog(Map<String, Entry> entries, Map<String, List<JsonNode>> preParsed) {
        this.entries = entries;
        this.parsed.putAll(preParsed);
    }

    static CrdCatalog bundled() {
        return new CrdCatalog(readIndex(), Map.of());
    }

    /** A catalog with these CRD files added; their types replace bundled ones of the same version. */
    CrdCatalog with(List<Path> files) {
        Map<String, Entry> all = new LinkedHashMap<>(entries);
        Map<String, List<JsonNode>> docs = new HashMap<>(parsed);
        for (Path f : files) {
            String source = f.toAbsolutePath().toString();
            List<JsonNode> crds;
            try {
                crds = readAll(Files.newInputStream(f));
            } catch (IOException | RuntimeException e) {
                throw new KubeException(KubeException.Reason.MALFORMED, 0, f + ": not a readable CRD file ("
                        + e.getClass().getSimpleName() + ")", null);
            }
            boolean any = false;
            for (JsonNode crd : crds) {
                if (!"CustomResourceDefinition".equals(crd.path("kind").asText())) {
                    continue;
                }
                any = true;
                for (Entry e : entriesOf(crd, source)) {
                    all.put(key(e.apiVersion(), e.kind()), e);
                }
            }
            if (!any) {
                throw new KubeException(KubeException.Reason.MALFORMED, 0,
                        f + ": holds no apiextensions.k8s.io/v1 CustomResourceDefinition", null);
            }
            docs.put(source, crds);
        }
        return new CrdCatalog(all, docs);
    }

    Optional<Entry> entry(String apiVersion, String kind) {
        return Optional.ofNullable(entries.get(key(apiVersion, kind)));
    }

    /** The served versions of a kind, for messages. */
    List<String> versionsOf(String group, String kind) {
        return entries.values().stream()
                .filter(e -> e.kind().equals(kind) && groupOf(e.apiVersion()).equals(group))
                .map(Entry::apiVersion).sorted().toList();
    }

    Optional<TypeSchema> schema(String apiVersion, String kind) {
        Entry e = entries.get(key(apiVersion, kind));
        if (e == null) {
            return Optional.empty();
        }
        return Optional.of(schemas.computeIfAbsent(key(apiVersion, kind), k -> load(e)));
    }

    int size() {
        return entries.size();
    }

    Collection<Entry> entries() {
        return entries.values();
    }

    private TypeSchema load(Entry e) {
        List<JsonNode> docs = parsed.computeIfAbsent(e.file(), f -> {
            InputStream in = CrdCatalog.class.getResourceAsStream(DIR + f);
            if (in == null) {
                throw new IllegalStateException("bundled CRD " + f + " is missing from the class path");
            }
            return readAll(in);
        });
        String version = e.apiVersion().substring(e.apiVersion().indexOf('/') + 1);
        for (JsonNode crd : docs) {
            JsonNode spec = crd.path("spec");
            if (!spec.path("names").path("kind").asText().equals(e.kind())
                    || !spec.path("group").asText().equals(groupOf(e.apiVersion()))) {
                continue;
            }
            for (JsonNode v : spec.path("versions")) {
                if (v.path("name").asText().equals(version)) {
                    JsonNode schema = v.path("schema").path("openAPIV3Schema");
                    boolean statusSub = v.path("subresources").has("status");
                    return new TypeSchema(e, schema.isMissingNode() ? null : schema, statusSub);
                }
            }
        }
        throw new IllegalStateException("CRD file " + e.file() + " has no version " + e.apiVersion() + " of " + e.kind());
    }

    static List<Entry> entriesOf(JsonNode crd, String source) {
        JsonNode spec = crd.path("spec");
        String group = spec.path("group").asText();
        String kind = spec.path("names").path("kind").asText();
        String plural = spec.path("names").path("plural").asText();
        boolean namespaced = "Namespaced".equals(spec.path("scope").asText());
        List<Entry> out = new java.util.ArrayList<>();
        for (JsonNode v : spec.path("versions")) {
            if (v.path("served").asBoolean(false)) {
                out.add(new Entry(group + "/" + v.path("name").asText(), kind, plural, namespaced,
                        v.path("subresources").has("status"), source));
            }
        }
        return out;
    }

    static String key(String apiVersion, String kind) {
        return apiVersion + " " + kind;
    }

    static String groupOf(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    static List<JsonNode> readAll(InputStream in) {
        try (in; MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(in)) {
            List<JsonNode> out = new java.util.ArrayList<>();
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n != null && !n.isNull() && !n.isMissingNode()) {
                    out.add(n);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Entry> readIndex() {
        Map<String, Entry> out = new LinkedHashMap<>();
        InputStream in = CrdCatalog.class.getResourceAsStream(DIR + "index.tsv");
        if (in == null) {
            throw new IllegalStateException("crds/index.tsv is missing from kube-support's class path");
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                Entry e = new Entry(f[0], f[1], f[2], "Namespaced".equals(f[3]), "status".equals(f[4]), f[5]);
                out.putIfAbsent(key(e.apiVersion(), e.kind()), e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The schema of one served version, with its compiled forms cached. */
    static final class TypeSchema {
        final Entry entry;
        /** The openAPIV3Schema, or null when the CRD gives none (every object then passes). */
        final JsonNode openApi;
        final boolean statusSubresource;
        private volatile com.networknt.schema.Schema jsonSchema;

        TypeSchema(Entry entry, JsonNode openApi, boolean statusSubresource) {
            this.entry = entry;
            this.openApi = openApi;
            this.statusSubresource = statusSubresource;
        }

        com.networknt.schema.Schema jsonSchema() {
            com.networknt.schema.Schema s = jsonSchema;
            if (s == null) {
                synchronized (this) {
                    s = jsonSchema;
                    if (s == null) {
                        s = JsonSchemas.compile(openApi);
                        jsonSchema = s;
                    }
                }
            }
            return s;
        }
    }
}
