package io.ocatopic.kmm.internal.resources;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * KMM's {@code Module} ({@code kmm.sigs.x-k8s.io/v1beta1}, namespaced): which kmod image to load on which
 * nodes, per kernel. Field names follow kubernetes-sigs/kernel-module-management
 * {@code api/v1beta1/module_types.go}; only the fields ocatopic writes are modelled, unknown ones are
 * ignored when reading. Absent fields are {@code null} (the wire format), never empty defaults, so an
 * object read back from a server equals the one written.
 *
 * <pre>{@code
 * Module m = Module.of("hello", "kmm-demo", spec);
 * applier.apply(m);
 * }</pre>
 */
@Group("kmm.sigs.x-k8s.io")
@Version("v1beta1")
@Kind("Module")
@Plural("modules")
public class Module extends KmmResource<Module.Spec> implements Namespaced {
    private static final long serialVersionUID = 1L;

    /** Creates an empty object; used by the JSON/YAML mapper. */
    public Module() {
    }

    /**
     * A Module with the given identity and spec.
     *
     * @param name      the Module name
     * @param namespace its namespace
     * @param spec      the spec
     * @return the object
     */
    public static Module of(String name, String namespace, Spec spec) {
        Module m = new Module();
        ObjectMeta meta = new ObjectMeta();
        meta.setName(name);
        meta.setNamespace(namespace);
        meta.setLabels(new LinkedHashMap<>(Map.of("app.kubernetes.io/managed-by", "ocatopic")));
        m.setMetadata(meta);
        m.setSpec(spec);
        return m;
    }

    /**
     * {@code spec} of a Module.
     *
     * @param selector        node labels the module is loaded on (required by KMM)
     * @param imageRepoSecret the pull/push secret, {@code null} when not set
     * @param moduleLoader    the module loader
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Spec(Map<String, String> selector, Ref imageRepoSecret, Loader moduleLoader) {
        /**
         * A copy with another module loader.
         *
         * @param loader the new loader
         * @return the copy
         */
        public Spec withLoader(Loader loader) {
            return new Spec(selector, imageRepoSecret, loader);
        }
    }

    /**
     * A reference to a Secret or ConfigMap in the Module's namespace.
     *
     * @param name the object name
     */
    public record Ref(String name) {
    }

    /**
     * {@code spec.moduleLoader}.
     *
     * @param container          the loader container
     * @param serviceAccountName the worker's service account, {@code null} for the default
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Loader(Container container, String serviceAccountName) {
    }

    /**
     * {@code spec.moduleLoader.container}: the default image, build and sign, and the kernel mappings.
     *
     * @param modprobe         how the module is loaded
     * @param kernelMappings   the mappings, first match wins
     * @param containerImage   the default image (may hold {@code ${KERNEL_FULL_VERSION}}-style variables)
     * @param build            the default in-cluster build
     * @param sign             the default in-cluster signing
     * @param imagePullPolicy  the pull policy, {@code null} for the default
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Container(Modprobe modprobe, List<Mapping> kernelMappings, String containerImage,
                            Build build, Sign sign, String imagePullPolicy) {
        /**
         * A copy with other mappings and no default image, build or sign (what spokes receive).
         *
         * @param mappings the new mappings
         * @return the copy
         */
        public Container withOnlyMappings(List<Mapping> mappings) {
            return new Container(modprobe, mappings, null, null, null, imagePullPolicy);
        }
    }

    /**
     * {@code modprobe}.
     *
     * @param moduleName          the module modprobe loads
     * @param dirName             the image directory holding {@code lib/modules} ({@code /opt} by default)
     * @param firmwarePath        the image directory holding firmware, {@code null} when none
     * @param parameters          module parameters
     * @param rawArgs             raw modprobe arguments (exclusive with {@code moduleName})
     * @param modulesLoadingOrder load order, first is {@code moduleName}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Modprobe(String moduleName, String dirName, String firmwarePath, List<String> parameters,
                           RawArgs rawArgs, List<String> modulesLoadingOrder) {
    }

    /**
     * {@code modprobe.rawArgs}.
     *
     * @param load   arguments for loading
     * @param unload arguments for unloading
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RawArgs(List<String> load, List<String> unload) {
    }

    /**
     * One entry of {@code kernelMappings}: {@code literal} xor {@code regexp}.
     *
     * @param literal        exact kernel version, {@code null} when {@code regexp} is used
     * @param regexp         Go RE2 regular expression (unanchored), {@code null} when {@code literal} is used
     * @param containerImage the image for matching kernels, {@code null} for the container default
     * @param build          in-cluster build for matching kernels
     * @param sign           in-cluster signing for matching kernels
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Mapping(String literal, String regexp, String containerImage, Build build, Sign sign) {
        /**
         * A literal mapping to one image.
         *
         * @param kernel the kernel version
         * @param image  the image
         * @return the mapping
         */
        public static Mapping literal(String kernel, String image) {
            return new Mapping(kernel, null, image, null, null);
        }

        /**
         * A regexp mapping to one image.
         *
         * @param regexp the RE2 expression
         * @param image  the image
         * @return the mapping
         */
        public static Mapping regexp(String regexp, String image) {
            return new Mapping(null, regexp, image, null, null);
        }
    }

    /**
     * {@code build}: KMM builds the image in the cluster from a Dockerfile ConfigMap (key {@code dockerfile}).
     *
     * @param buildArgs           build arguments
     * @param dockerfileConfigMap the ConfigMap holding the Dockerfile
     * @param secrets             Secrets mounted at {@code /run/secrets/<name>}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Build(List<BuildArg> buildArgs, Ref dockerfileConfigMap, List<Ref> secrets) {
    }

    /**
     * One build argument.
     *
     * @param name  the name
     * @param value the value
     */
    public record BuildArg(String name, String value) {
    }

    /**
     * {@code sign}: KMM signs the listed files with keys from Secrets (keys {@code key} and {@code cert}).
     *
     * @param unsignedImage the image to sign (ignored when {@code build} is present)
     * @param keySecret     the Secret with the private key under key {@code key}
     * @param certSecret    the Secret with the certificate under key {@code cert}
     * @param filesToSign   files to sign, each under {@code dirName/}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Sign(String unsignedImage, Ref keySecret, Ref certSecret, List<String> filesToSign) {
    }
}
