package io.ocatopic.kmm.internal.resources;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * KMM's {@code PreflightValidation} ({@code kmm.sigs.x-k8s.io/v1beta2}, cluster-scoped): asks KMM whether
 * every Module has an image (or can build one) for the kernel of an upcoming upgrade
 * (kubernetes-sigs/kernel-module-management {@code api/v1beta2/preflightvalidation_types.go}).
 *
 * <pre>{@code
 * applier.apply(PreflightValidation.of("upgrade-6-1-0-56", "6.1.0-56-amd64", true));
 * }</pre>
 */
@Group("kmm.sigs.x-k8s.io")
@Version("v1beta2")
@Kind("PreflightValidation")
@Plural("preflightvalidations")
public class PreflightValidation extends KmmResource<PreflightValidation.Spec> {
    private static final long serialVersionUID = 1L;

    /** Creates an empty object; used by the JSON/YAML mapper. */
    public PreflightValidation() {
    }

    /**
     * A PreflightValidation.
     *
     * @param name           the object name
     * @param kernelVersion  the kernel to validate against
     * @param pushBuiltImage whether KMM pushes what it builds (needed when a Module has build and sign)
     * @return the object
     */
    public static PreflightValidation of(String name, String kernelVersion, boolean pushBuiltImage) {
        PreflightValidation p = new PreflightValidation();
        ObjectMeta meta = new ObjectMeta();
        meta.setName(name);
        p.setMetadata(meta);
        p.setSpec(new Spec(kernelVersion, pushBuiltImage));
        return p;
    }

    /**
     * The spec.
     *
     * @param kernelVersion  the kernel to validate against (required)
     * @param pushBuiltImage whether built images are pushed
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Spec(String kernelVersion, boolean pushBuiltImage) {
    }
}
