package io.ocatopic.examples;

import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.ztp.mirror.MirrorResult.ImageResult;
import io.ocatopic.ztp.mirror.MirrorResult;
import io.ocatopic.ztp.mirror.RegistryMirror;
import io.ocatopic.ztp.mirror.RegistryOptions;
import io.ocatopic.kube.Manifests;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Mirrors images into a factory registry and prints the {@code ImageDigestMirrorSet} for them.
 *
 * <pre>{@code
 * java -cp ocatopic.jar io.ocatopic.examples.RegistryMirrorExample 127.0.0.1:5000 quay.io/org/app:1.0
 * }</pre>
 *
 * The destination is reached over plain HTTP when it is on 127.0.0.1 (the loopback test setup) and
 * over verified TLS otherwise; credentials come from the Docker/Podman auth file.
 */
public final class RegistryMirrorExample {
    private RegistryMirrorExample() {
    }

    /**
     * Runs the example.
     *
     * @param args the destination registry, then the source images
     * @throws io.ocatopic.ztp.ZtpException when the auth file cannot be read or the mirror is interrupted
     */
    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: RegistryMirrorExample DEST_REGISTRY IMAGE...");
            System.exit(2);
        }
        String dest = args[0];
        RegistryOptions options = dest.startsWith("127.0.0.1:") ? RegistryOptions.insecurePlainHttp() : RegistryOptions.tls();
        RegistryMirror.Builder builder = RegistryMirror.builder()
                .destination(dest, options)
                .discoverAuthFile()
                .journal(Path.of(System.getProperty("java.io.tmpdir"), "ocatopic-mirror.journal"));
        for (String image : Arrays.copyOfRange(args, 1, args.length)) {
            if (image.startsWith("127.0.0.1:") && image.indexOf('/') > 0) {
                builder.registry(image.substring(0, image.indexOf('/')), RegistryOptions.insecurePlainHttp());
            }
        }
        MirrorResult result = builder.build().mirror(Arrays.asList(args).subList(1, args.length));
        for (ImageResult r : result.images()) {
            System.out.println(r.status() + " " + r.request() + " " + r.digest().orElse("")
                    + r.error().map(e -> " " + e.getMessage()).orElse(""));
        }
        if (result.complete()) {   // a failed run gives no mirror set
            System.out.print(Manifests.yaml(result.imageDigestMirrorSet("factory-mirror",
                    ChassisSpec.Mirror.Policy.NEVER_CONTACT_SOURCE)));
        }
        System.exit(result.ok() ? 0 : 1);
    }
}
