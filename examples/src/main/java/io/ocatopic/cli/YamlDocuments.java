package io.ocatopic.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads Kubernetes objects from YAML or JSON files, folders (their {@code .yaml}, {@code .yml} and
 * {@code .json} files, recursively, in name order) or standard input ({@code -}), as {@code kubectl -f}
 * does: several documents a file, and {@code kind: List} expanded into its items.
 */
final class YamlDocuments {
    /** The one reader for user files (duplicate keys refused, 64 Mi code points). */
    private static final ObjectMapper YAML = io.ocatopic.kube.internal.UserFiles.yaml();

    /**
     * One document.
     *
     * @param source   the file, or {@code -}
     * @param document its 1-based position in the file
     * @param tree     the object, or null when the document is not a mapping
     */
    record Doc(String source, int document, Map<String, Object> tree) {
        String where() {
            return source + "#" + document;
        }
    }

    /** An input that cannot be read: exit 2. */
    static final class BadInput extends Exception {
        private static final long serialVersionUID = 1L;

        BadInput(String message) {
            super(message);
        }
    }

    private YamlDocuments() {
    }

    static List<Doc> read(List<String> inputs, InputStream stdin) throws BadInput {
        List<Doc> out = new ArrayList<>();
        for (String in : inputs) {
            if (in.equals("-")) {
                parse("-", stdin, out);
                continue;
            }
            Path p = Path.of(in);
            if (Files.isDirectory(p)) {
                List<Path> files;
                try (Stream<Path> s = Files.walk(p)) {
                    files = s.filter(Files::isRegularFile).filter(f -> {
                        String n = f.getFileName().toString();
                        return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
                    }).sorted().toList();
                } catch (IOException e) {
                    throw new BadInput(in + ": cannot read the folder (" + e.getClass().getSimpleName() + ")");
                }
                for (Path f : files) {
                    parseFile(f, out);
                }
            } else {
                parseFile(p, out);
            }
        }
        return out;
    }

    private static void parseFile(Path f, List<Doc> out) throws BadInput {
        try (InputStream in = Files.newInputStream(f)) {
            parse(f.toString(), in, out);
        } catch (NoSuchFileException e) {
            throw new BadInput("no such file: " + f);
        } catch (IOException e) {
            throw new BadInput(f + ": cannot read (" + e.getClass().getSimpleName() + ")");
        }
    }

    @SuppressWarnings("unchecked")
    private static void parse(String source, InputStream in, List<Doc> out) throws BadInput {
        int n = 0;
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(in)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                n++;
                if (doc == null || doc.isNull() || doc.isMissingNode()) {
                    continue;
                }
                if (doc.isObject() && doc.path("kind").asText("").equals("List") && doc.path("items").isArray()) {
                    for (JsonNode item : doc.get("items")) {
                        out.add(new Doc(source, n, item.isObject() ? YAML.convertValue(item, Map.class) : null));
                    }
                    continue;
                }
                out.add(new Doc(source, n, doc.isObject() ? YAML.convertValue(doc, Map.class) : null));
            }
        } catch (IOException e) {
            // the place and what is wrong, never the input (it may hold a secret)
            io.ocatopic.core.Problem p = io.ocatopic.kube.internal.UserFiles.problem(e, "");
            throw new BadInput(source + ": document " + (n + 1) + ": " + (p.path().isEmpty() ? "" : p.path() + ": ")
                    + (p.message().startsWith("not valid") ? "is " + p.message() : p.message()));
        } catch (RuntimeException e) {
            throw new BadInput(source + ": document " + (n + 1) + " is not valid YAML");
        }
    }
}
