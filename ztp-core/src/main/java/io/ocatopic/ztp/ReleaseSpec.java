package io.ocatopic.ztp;

import java.util.Optional;

/**
 * The OpenShift release and add-on versions (the ZTPFW {@code config:} map).
 *
 * @param version         {@code OC_OCP_VERSION}, e.g. {@code 4.14.10}
 * @param tag             {@code OC_OCP_TAG}, by default {@code <version>-x86_64}
 * @param rhcosRelease    {@code OC_RHCOS_RELEASE}, when known
 * @param clientMirror    {@code OC_OCP_MIRROR}, where clients and release.txt are downloaded from
 * @param clusterImageSet {@code clusterimageset}, by default {@code openshift-v<version>}
 * @param acmVersion      {@code OC_ACM_VERSION}, when given
 * @param odfVersion      {@code OC_ODF_VERSION}, when given
 */
public record ReleaseSpec(String version, String tag, Optional<String> rhcosRelease, String clientMirror,
                          String clusterImageSet, Optional<String> acmVersion, Optional<String> odfVersion) {
    /** ZTPFW's default {@code OC_OCP_MIRROR}. */
    public static final String DEFAULT_CLIENT_MIRROR = "https://mirror.openshift.com/pub/openshift-v4/clients/ocp";
    /** Where release images are published. */
    public static final String RELEASE_REPOSITORY = "quay.io/openshift-release-dev/ocp-release";

    /**
     * Fills ZTPFW's defaults for tag, mirror and image set (ztp/internal/enricher.go).
     *
     * @param version         the version
     * @param tag             the tag or {@code null}
     * @param rhcosRelease    the RHCOS release or empty
     * @param clientMirror    the client mirror or {@code null}
     * @param clusterImageSet the image set name or {@code null}
     * @param acmVersion      the ACM version or empty
     * @param odfVersion      the ODF version or empty
     */
    public ReleaseSpec {
        rhcosRelease = rhcosRelease == null ? Optional.empty() : rhcosRelease;
        acmVersion = acmVersion == null ? Optional.empty() : acmVersion;
        odfVersion = odfVersion == null ? Optional.empty() : odfVersion;
        if (version != null) {
            tag = tag == null ? version + "-x86_64" : tag;
            clusterImageSet = clusterImageSet == null ? "openshift-v" + version : clusterImageSet;
        }
        clientMirror = clientMirror == null ? DEFAULT_CLIENT_MIRROR : clientMirror;
    }

    /**
     * A release with defaults for everything but the version.
     *
     * @param version the OpenShift version
     * @return the release
     */
    public static ReleaseSpec of(String version) {
        return new ReleaseSpec(version, null, Optional.empty(), null, null, Optional.empty(), Optional.empty());
    }

    /** @return the release image, {@value #RELEASE_REPOSITORY}{@code :<tag>} */
    public String releaseImage() {
        return RELEASE_REPOSITORY + ":" + tag;
    }
}
