package io.ocatopic.examples;

import io.ocatopic.kube.Manifests;
import io.ocatopic.ztp.ChassisSpec;
import io.ocatopic.ztp.internal.mirror.ArchiveSummary;
import io.ocatopic.ztp.mirror.MirrorResult;
import io.ocatopic.ztp.mirror.RegistryMirror;
import io.ocatopic.ztp.mirror.RegistryOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The disconnected path of a chassis shipped to a cargo ship, in three phases run where each happens:
 *
 * <pre>{@code
 * # at the factory: mirror to an archive in 4 GiB volumes (then carry site.tar.00* on board); an argument ending
 * # in .yaml is an oc-mirror v2 ImageSetConfiguration (release payload, operator packages, additional images)
 * java -cp ocatopic.jar io.ocatopic.examples.CargoShipMirrorExample factory site.tar imageset.yaml quay.io/org/app:1.0 ...
 * # on board: push every volume (any order) into the ship's registry, print the ImageDigestMirrorSet
 * java -cp ocatopic.jar io.ocatopic.examples.CargoShipMirrorExample site 127.0.0.1:5000 site.tar
 * # months later at the factory: a delta against what the ship received (its archive, or docker://HOST of a
 * # listing of the ship's registry), then push it on board the same way
 * java -cp ocatopic.jar io.ocatopic.examples.CargoShipMirrorExample delta delta.tar site.tar quay.io/org/app:1.1 ...
 * }</pre>
 *
 * The ship's kernel modules, built and signed by kmm-core's {@code ModuleBuilder}, travel in the same archive:
 * {@link #withModules} adds {@code BuildResult.pinnedImages()} (references by digest) to the images.
 *
 * After the push, apply the printed ImageDigestMirrorSet on the ship's cluster; when the ship reconnects,
 * {@code ocatopic ztp reconnect} re-attaches it to the hub.
 */
public final class CargoShipMirrorExample {
    private CargoShipMirrorExample() {
    }

    /**
     * Runs one phase.
     *
     * @param args {@code factory ARCHIVE IMAGE...}, {@code site REGISTRY ARCHIVE}, or {@code delta ARCHIVE BASE IMAGE...}
     * @throws io.ocatopic.ztp.ZtpException when the auth file cannot be read or an archive is unusable
     */
    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: CargoShipMirrorExample factory ARCHIVE IMAGE... | site REGISTRY ARCHIVE"
                    + " | delta ARCHIVE BASE IMAGE...");
            System.exit(2);
        }
        RegistryMirror.Builder b = RegistryMirror.builder().discoverAuthFile();
        MirrorResult result;
        switch (args[0]) {
            case "factory", "delta" -> {
                int first = args[0].equals("delta") ? 3 : 2;
                List<String> named = Arrays.stream(args).skip(first).toList();
                named.stream().filter(i -> i.startsWith("127.0.0.1:") && i.indexOf('/') > 0)
                        .map(i -> i.substring(0, i.indexOf('/')))
                        .forEach(r -> b.registry(r, RegistryOptions.insecurePlainHttp()));
                b.toArchive(Path.of(args[1]), 4L << 30);
                if (args[0].equals("delta") && args[2].startsWith("docker://")) {
                    b.sinceRegistry(args[2].substring("docker://".length()));
                } else if (args[0].equals("delta")) {
                    b.since(Path.of(args[2]));
                }
                RegistryMirror mirror = b.build();
                List<String> images = new ArrayList<>();
                for (String n : named) {
                    images.addAll(n.endsWith(".yaml") ? mirror.imagesOf(Path.of(n)) : List.of(n));
                }
                images.forEach(i -> System.err.println("plan: " + mirror.requestFor(i)));   // the plan first
                result = mirror.mirror(images);
                ArchiveSummary s = ArchiveSummary.read(Path.of(args[1]));
                System.out.printf("%s: %d images, %d bytes carried, %d volumes, base %s%n", args[1], s.images().size(),
                        s.includedBytes(), s.volumes().size(), s.baseName().orElse("none"));
            }
            case "site" -> {
                String registry = args[1];
                b.destination(registry, registry.startsWith("127.0.0.1:") ? RegistryOptions.insecurePlainHttp()
                        : RegistryOptions.tls());
                b.journal(Path.of(System.getProperty("java.io.tmpdir"), "ocatopic-site-push.journal"));
                result = b.build().mirrorFrom(Arrays.stream(args).skip(2).map(Path::of).toList());
                if (result.complete()) {   // a failed run gives no mirror set
                    System.out.print(Manifests.yaml(result.imageDigestMirrorSet("ship-mirror",
                            ChassisSpec.Mirror.Policy.NEVER_CONTACT_SOURCE)));
                }
            }
            default -> {
                System.err.println("unknown phase " + args[0]);
                System.exit(2);
                return;
            }
        }
        result.failed().forEach(r -> System.err.println("FAILED " + r.request() + ": "
                + r.error().map(Throwable::getMessage).orElse("")));
        System.exit(result.ok() ? 0 : 1);
    }

    /**
     * The images to mirror plus the module images kmm-core built for the site's kernels (one per kernel, by
     * digest), so that a single archive carries both.
     *
     * <pre>{@code
     * BuildResult built = ModuleBuilder.forModule("hello").kernels(kernels).signWith(keys).build(engine);
     * factory.mirror(CargoShipMirrorExample.withModules(mirror.imagesOf(Path.of("imageset.yaml")), built));
     * }</pre>
     *
     * @param images the images named otherwise
     * @param built  a module build
     * @return the images, then the module images not already among them
     */
    public static List<String> withModules(List<String> images, io.ocatopic.kmm.build.BuildResult built) {
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(images);
        all.addAll(built.pinnedImages().values());
        return List.copyOf(all);
    }
}
