package io.ocatopic.ztp;

import java.util.List;

/**
 * One registry mirror: pulls by digest from {@code source} are served from {@code mirrors}. Rendered into
 * an {@code ImageDigestMirrorSet} and the install-config's {@code imageDigestSources}.
 *
 * @param source  the original repository, for example {@code quay.io/openshift-release-dev/ocp-release}
 * @param mirrors the mirror repositories, tried in order
 * @param policy  whether the source may still be contacted
 */
public record MirrorSpec(String source, List<String> mirrors, Policy policy) {
    /**
     * Copies the list.
     *
     * @param source  the original repository
     * @param mirrors the mirrors
     * @param policy  the source policy
     */
    public MirrorSpec {
        mirrors = mirrors == null ? List.of() : List.copyOf(mirrors);
        policy = policy == null ? Policy.ALLOW_CONTACTING_SOURCE : policy;
    }

    /** {@code mirrorSourcePolicy} of {@code ImageDigestMirrorSet} ({@code config.openshift.io/v1}). */
    public enum Policy {
        /** {@code AllowContactingSource}: fall back to the source when no mirror answers. */
        ALLOW_CONTACTING_SOURCE("AllowContactingSource"),
        /** {@code NeverContactSource}: fully disconnected. */
        NEVER_CONTACT_SOURCE("NeverContactSource");

        private final String apiName;

        Policy(String apiName) {
            this.apiName = apiName;
        }

        /** @return the API's spelling */
        public String apiName() {
            return apiName;
        }
    }
}
