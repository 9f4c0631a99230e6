package io.ocatopic.kube.internal.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ocatopic.kube.internal.Mappers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials read from a Docker ({@code ~/.docker/config.json}) or Podman/containers
 * ({@code auth.json}) authentication file.
 *
 * <p>Format and lookup order follow containers-auth.json(5): entries under {@code auths} keyed by
 * {@code registry} or {@code registry/namespace[/repo]}, each with {@code auth} =
 * base64({@code user:password}); the most specific key that prefixes the repository wins. The
 * Docker Hub key {@code https://index.docker.io/v1/} is accepted for {@code docker.io}. Credential
 * helpers ({@code credHelpers}, {@code credsStore}) are not run.
 *
 * <pre>{@code
 * AuthFile auth = AuthFile.discover();  // REGISTRY_AUTH_FILE, XDG_RUNTIME_DIR, ~/.docker
 * Optional<RegistryCredentials> c = auth.lookup(ImageReference.parse("quay.io/org/app:1"));
 * }</pre>
 */
public final class AuthFile {
    private static final ObjectMapper JSON = Mappers.json();
    private final Map<String, RegistryCredentials> entries;

    private AuthFile(Map<String, RegistryCredentials> entries) {
        this.entries = Map.copyOf(entries);
    }

    /**
     * An auth file with no entries (anonymous access everywhere).
     *
     * @return the empty auth file
     */
    public static AuthFile empty() {
        return new AuthFile(Map.of());
    }

    /**
     * Reads an auth file.
     *
     * @param file the JSON file
     * @return its entries
     * @throws IOException when it cannot be read or is not valid JSON
     */
    public static AuthFile load(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * Parses auth file JSON.
     *
     * @param json the file contents
     * @return its entries
     * @throws IOException when the JSON is malformed (the message never contains secrets)
     */
    public static AuthFile parse(String json) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IOException("auth file is not valid JSON");
        }
        Map<String, RegistryCredentials> entries = new LinkedHashMap<>();
        JsonNode auths = root == null ? null : root.get("auths");
        if (auths != null && auths.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = auths.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                credentialsOf(e.getValue()).ifPresent(c -> entries.put(normalizeKey(e.getKey()), c));
            }
        }
        return new AuthFile(entries);
    }

    /**
     * Finds the auth file the way podman and skopeo do: {@code $REGISTRY_AUTH_FILE}, then
     * {@code $XDG_RUNTIME_DIR/containers/auth.json}, {@code ~/.config/containers/auth.json},
     * {@code ~/.docker/config.json}; the first that exists is read.
     *
     * @return the auth file found, or {@link #empty()}
     * @throws IOException when a file exists but cannot be read
     */
    public static AuthFile discover() throws IOException {
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(System.getenv("REGISTRY_AUTH_FILE")).filter(s -> !s.isBlank())
                .ifPresent(s -> candidates.add(Path.of(s)));
        Optional.ofNullable(System.getenv("XDG_RUNTIME_DIR")).filter(s -> !s.isBlank())
                .ifPresent(s -> candidates.add(Path.of(s, "containers", "auth.json")));
        String home = System.getProperty("user.home");
        candidates.add(Path.of(home, ".config", "containers", "auth.json"));
        candidates.add(Path.of(home, ".docker", "config.json"));
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                return load(p);
            }
        }
        return empty();
    }

    /**
     * The credentials for a repository: the longest matching {@code registry/path} key, then the
     * registry alone.
     *
     * @param image an image in the repository
     * @return the credentials, if the file has an entry
     */
    public Optional<RegistryCredentials> lookup(ImageReference image) {
        String path = image.registry() + "/" + image.repository();
        while (true) {
            RegistryCredentials c = entries.get(path);
            if (c != null) {
                return Optional.of(c);
            }
            int slash = path.lastIndexOf('/');
            if (slash < 0) {
                return Optional.empty();
            }
            path = path.substring(0, slash);
        }
    }

    /**
     * The credentials for a registry host (no repository-specific entries).
     *
     * @param registry the registry host with optional port
     * @return the credentials, if the file has an entry
     */
    public Optional<RegistryCredentials> lookup(String registry) {
        return Optional.ofNullable(entries.get(normalizeKey(registry)));
    }

    private static Optional<RegistryCredentials> credentialsOf(JsonNode entry) {
        JsonNode auth = entry == null ? null : entry.get("auth");
        if (auth != null && auth.isTextual() && !auth.asText().isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.asText()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                return Optional.of(new RegistryCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
            }
            return Optional.empty();
        }
        JsonNode user = entry == null ? null : entry.get("username");
        JsonNode pass = entry == null ? null : entry.get("password");
        if (user != null && pass != null && user.isTextual() && pass.isTextual()) {
            return Optional.of(new RegistryCredentials(user.asText(), pass.asText()));
        }
        return Optional.empty();
    }

    private static String normalizeKey(String key) {
        String k = key;
        if (k.startsWith("https://") || k.startsWith("http://")) {
            k = k.substring(k.indexOf("://") + 3);
            int slash = k.indexOf('/');
            if (slash >= 0 && (k.startsWith("index.docker.io") || k.startsWith("registry-1.docker.io"))) {
                k = k.substring(0, slash);
            }
        }
        while (k.endsWith("/")) {
            k = k.substring(0, k.length() - 1);
        }
        if (k.equals("index.docker.io") || k.equals("registry-1.docker.io")) {
            return ImageReference.DOCKER_HUB;
        }
        return k;
    }

    @Override
    public String toString() {
        return "AuthFile[registries=" + entries.keySet() + "]";
    }
}
