package io.ocatopic.cli;

import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.kube.Secret;
import io.ocatopic.ztp.ZtpException;
import io.ocatopic.ztp.internal.ZtpFiles;
import io.ocatopic.ztp.ChassisImport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The chassis file options shared by the ztp verbs (ocatopic or ZTPFW format, detected). */
final class ZtpInput {
    @Parameters(index = "0", paramLabel = "FILE", description = "Chassis file: ocatopic format, a ZTPFW config.yaml or a SiteConfig v1 (ran.openshift.io/v1)")
    Path file;

    @Option(names = "--base-domain", defaultValue = "example.com",
            description = "Base domain for ZTPFW files (ZTPFW took it from the hub; default ${DEFAULT-VALUE})")
    String baseDomain;

    @Option(names = "--pull-secret-file", description = "Pull secret for ZTPFW files (default: env PULL_SECRET); "
            + "read once, so a pipe such as <(vault read ...) works")
    Path pullSecretFile;

    /** @return the validated spec */
    ChassisSpec load() {
        String text = ZtpFiles.read(file);
        ChassisImport.Format format = ChassisImport.detect(text);
        if (format == ChassisImport.Format.SITE_CONFIG) {
            return ChassisImport.siteConfig().parse(text);
        }
        if (format == ChassisImport.Format.ZTPFW) {
            Secret pull = pullSecretFile != null ? Secret.of(readOnce(pullSecretFile))
                    : Secret.fromEnv("PULL_SECRET");
            return ChassisImport.ztpfw(baseDomain, pull).parse(text);
        }
        return ChassisSpec.parse(text);
    }

    /**
     * Reads the pull secret file once: every output that needs the secret (install-config.yaml, the hub's
     * pull Secret) gets this value, where a pipe read again would give nothing.
     */
    private static String readOnce(Path file) {
        try {
            return Files.readString(file).stripTrailing();
        } catch (IOException e) {
            throw new ZtpException(ZtpException.Reason.SECRET_UNRESOLVED, "cannot read pull secret file " + file);
        }
    }
}
