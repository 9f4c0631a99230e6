package io.ocatopic.cli;

import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.kube.Secret;
import io.ocatopic.ztp.ZtpException;
import io.ocatopic.ztp.ChassisImport;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The chassis file options shared by the ztp verbs (ocatopic or ZTPFW format, detected). The chassis file and the
 * pull secret file may each be {@code -} (standard input), not both.
 */
final class ZtpInput {
    @Parameters(index = "0", paramLabel = "FILE",
            description = "Chassis file: ocatopic format, a ZTPFW config.yaml or a SiteConfig v1 (ran.openshift.io/v1); - reads stdin.")
    String file;

    @Option(names = "--base-domain", defaultValue = "example.com",
            description = "Base domain for ZTPFW files (ZTPFW took it from the hub; default ${DEFAULT-VALUE}).")
    String baseDomain;

    @Option(names = "--pull-secret-file", paramLabel = "FILE", description = "Pull secret for ZTPFW files (default: env PULL_SECRET); "
            + "read once, so a pipe such as <(vault read ...) works; - reads stdin.")
    String pullSecretFile;

    /**
     * Reads, detects and validates the chassis file.
     *
     * @return the validated spec
     * @throws IOException when the file cannot be read ({@link NoSuchFileException}: exit 2)
     * @throws IllegalArgumentException (exit 2) when both files are {@code -}
     */
    ChassisSpec load() throws IOException {
        if (Inputs.STDIN.equals(file) && Inputs.STDIN.equals(pullSecretFile)) {
            throw new IllegalArgumentException("the chassis file and --pull-secret-file cannot both be - (stdin)");
        }
        String text = Inputs.read(file);
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

    /** @return how the chassis file is named in messages */
    String name() {
        return Inputs.name(file);
    }

    /**
     * Reads the pull secret file once: every output that needs the secret (install-config.yaml, the hub's
     * pull Secret) gets this value, where a pipe read again would give nothing.
     */
    private static String readOnce(String file) throws IOException {
        try {
            return Inputs.read(file).stripTrailing();
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            throw new ZtpException(ZtpException.Reason.SECRET_UNRESOLVED, "cannot read pull secret file "
                    + Inputs.name(file));
        }
    }
}
