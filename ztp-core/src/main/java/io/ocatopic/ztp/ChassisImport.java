package io.ocatopic.ztp;

import io.ocatopic.kube.Secret;
import io.ocatopic.ztp.internal.ZtpFiles;
import io.ocatopic.ztp.internal.siteconfig.SiteConfigImporter;
import io.ocatopic.ztp.internal.ztpfw.ZtpfwImporter;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Imports a chassis written in another format into a validated {@link ChassisSpec}, with what that format
 * does not say:
 * <ul>
 *   <li>{@link Format#ZTPFW}: the ZTPFW configuration file (rh-ecosystem-edge/ztp-pipeline-relocatable
 *   {@code examples/config.yaml}), every field kept, with ZTPFW's fixed networking. ZTPFW took the base domain,
 *   pull secret, SSH key and mirrors from the hub at run time, so they are given here. Errors name the ZTPFW
 *   file's own paths, e.g. {@code edgeclusters[0].edge-1.master0.mac_ext_dhcp}.</li>
 *   <li>{@link Format#SITE_CONFIG}: a SiteConfig v1 file ({@code ran.openshift.io/v1}, {@code kind: SiteConfig};
 *   openshift-kni/cnf-features-deploy {@code ztp/siteconfig-generator}). Pull and BMC secrets stay references
 *   to Secrets on the hub; the OpenShift version comes from {@code clusterImageSetNameRef} unless given.</li>
 * </ul>
 * ocatopic's own format is read by {@link ChassisSpec#load(Path)}; {@link #detect(String)} tells them apart.
 *
 * <pre>{@code
 * ChassisSpec spec = switch (ChassisImport.detect(text)) {
 *     case ZTPFW -> ChassisImport.ztpfw("example.com", Secret.fromEnv("PULL_SECRET")).parse(text);
 *     case SITE_CONFIG -> ChassisImport.siteConfig().parse(text);
 *     case CHASSIS -> ChassisSpec.parse(text);
 * };
 * }</pre>
 */
public final class ChassisImport {
    /** The chassis file formats ztp-core reads. */
    public enum Format {
        /** ocatopic's own chassis file ({@code ztp.ocatopic.io/v1}, {@link ChassisSpec#parse(String)}). */
        CHASSIS,
        /** The ZTPFW configuration file (it has {@code edgeclusters:}). */
        ZTPFW,
        /** A SiteConfig v1 file ({@code apiVersion: ran.openshift.io/v1, kind: SiteConfig}). */
        SITE_CONFIG
    }

    private final Format format;
    private final String baseDomain;
    private final Secret pullSecret;
    private final Optional<String> sshKey;
    private final boolean fips;
    private final List<ChassisSpec.Mirror> mirrors;
    private final Optional<String> version;

    private ChassisImport(Format format, String baseDomain, Secret pullSecret, Optional<String> sshKey,
                          boolean fips, List<ChassisSpec.Mirror> mirrors, Optional<String> version) {
        this.format = format;
        this.baseDomain = baseDomain;
        this.pullSecret = pullSecret;
        this.sshKey = sshKey;
        this.fips = fips;
        this.mirrors = List.copyOf(mirrors);
        this.version = version;
    }

    /**
     * Which format a text is in.
     *
     * @param text YAML or JSON
     * @return {@link Format#SITE_CONFIG} or {@link Format#ZTPFW} when it is one, else {@link Format#CHASSIS}
     *         (which {@link ChassisSpec#parse(String)} then validates)
     */
    public static Format detect(String text) {
        if (SiteConfigImporter.isSiteConfig(text)) {
            return Format.SITE_CONFIG;
        }
        return ZtpfwImporter.isZtpfw(text) ? Format.ZTPFW : Format.CHASSIS;
    }

    /**
     * A ZTPFW import with FIPS on (ZTPFW always installed with {@code fips: true}), no SSH key and no mirrors.
     *
     * @param baseDomain the clusters' base domain (ZTPFW took the hub's ingress domain)
     * @param pullSecret the pull secret (ZTPFW took the hub's {@code openshift-config/pull-secret})
     * @return the import
     */
    public static ChassisImport ztpfw(String baseDomain, Secret pullSecret) {
        return new ChassisImport(Format.ZTPFW, Objects.requireNonNull(baseDomain, "baseDomain"),
                Objects.requireNonNull(pullSecret, "pullSecret"), Optional.empty(), true, List.of(), Optional.empty());
    }

    /**
     * A SiteConfig v1 import; the OpenShift version comes from {@code clusterImageSetNameRef}
     * ({@code openshift-<version>}) unless given with {@link #withVersion(String)}.
     *
     * @return the import
     */
    public static ChassisImport siteConfig() {
        return new ChassisImport(Format.SITE_CONFIG, null, null, Optional.empty(), false, List.of(), Optional.empty());
    }

    /**
     * Returns the format this import reads.
     *
     * @return the format this import reads, {@link Format#ZTPFW} or {@link Format#SITE_CONFIG}
     */
    public Format format() {
        return format;
    }

    /**
     * Returns the base domain given for a ZTPFW import.
     *
     * @return the base domain given for a ZTPFW import
     */
    public Optional<String> baseDomain() {
        return Optional.ofNullable(baseDomain);
    }

    /**
     * Returns the pull secret given for a ZTPFW import.
     *
     * @return the pull secret given for a ZTPFW import
     */
    public Optional<Secret> pullSecret() {
        return Optional.ofNullable(pullSecret);
    }

    /**
     * Returns the SSH public key for the nodes of a ZTPFW import, when given.
     *
     * @return the SSH public key for the nodes of a ZTPFW import, when given
     */
    public Optional<String> sshKey() {
        return sshKey;
    }

    /**
     * Returns whether a ZTPFW import installs in FIPS mode.
     *
     * @return whether a ZTPFW import installs in FIPS mode
     */
    public boolean fips() {
        return fips;
    }

    /**
     * Returns the registry mirrors a ZTPFW import renders.
     *
     * @return the registry mirrors a ZTPFW import renders
     */
    public List<ChassisSpec.Mirror> mirrors() {
        return mirrors;
    }

    /**
     * Returns the OpenShift version of a SiteConfig import, when given.
     *
     * @return the OpenShift version of a SiteConfig import, when given
     */
    public Optional<String> version() {
        return version;
    }

    /**
     * A copy with an SSH key (ZTPFW).
     *
     * @param key the public key
     * @return the import
     */
    public ChassisImport withSshKey(String key) {
        return new ChassisImport(format, baseDomain, pullSecret, Optional.of(key), fips, mirrors, version);
    }

    /**
     * A copy with FIPS mode on or off (ZTPFW).
     *
     * @param on whether to install in FIPS mode
     * @return the import
     */
    public ChassisImport withFips(boolean on) {
        return new ChassisImport(format, baseDomain, pullSecret, sshKey, on, mirrors, version);
    }

    /**
     * A copy with registry mirrors (ZTPFW).
     *
     * @param list the mirrors
     * @return the import
     */
    public ChassisImport withMirrors(List<ChassisSpec.Mirror> list) {
        return new ChassisImport(format, baseDomain, pullSecret, sshKey, fips, list, version);
    }

    /**
     * A copy with the OpenShift version (SiteConfig), for image set names that do not carry it.
     *
     * @param openshiftVersion the version, e.g. {@code 4.16.3}
     * @return the import
     */
    public ChassisImport withVersion(String openshiftVersion) {
        return new ChassisImport(format, baseDomain, pullSecret, sshKey, fips, mirrors, Optional.of(openshiftVersion));
    }

    /**
     * Imports a file.
     *
     * @param file the file
     * @return the validated spec
     * @throws ZtpException {@code IO}, {@code MALFORMED_INPUT} or {@code INVALID_SPEC} (every problem, with
     *                      the file's own paths for ZTPFW)
     */
    public ChassisSpec load(Path file) {
        return parse(ZtpFiles.read(file));
    }

    /**
     * Imports a text.
     *
     * @param text the YAML
     * @return the validated spec
     * @throws ZtpException {@code MALFORMED_INPUT} or {@code INVALID_SPEC} (every problem, with the file's own
     *                      paths for ZTPFW)
     */
    public ChassisSpec parse(String text) {
        return format == Format.ZTPFW ? ZtpfwImporter.parse(text, this) : SiteConfigImporter.parse(text, version);
    }

    @Override
    public String toString() {
        return "ChassisImport[" + format + (baseDomain == null ? "" : ", baseDomain=" + baseDomain)
                + (pullSecret == null ? "" : ", pullSecret=" + pullSecret) + "]";
    }
}
