package io.ocatopic.kmm.internal;

import io.ocatopic.kmm.*;

import io.ocatopic.core.Problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocatopic.kmm.internal.resources.Module;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.Arguments;

/** Each of KMM's admission rules (internal/webhook/module.go) violated once, rejected with its field path. */
class AdmissionRulesTest {
    private static final String C = "spec.moduleLoader.container";

    static ModuleBuilder valid() {
        return ModuleBuilder.forModule("hello").namespace("kmm").image("reg.example.com/kmm/hello:${KERNEL_FULL_VERSION}")
                .mapping(KernelMapping.regexp("^6\\.1\\.", ""));
    }

    static List<Arguments> violations() {
        return List.of(
                Arguments.of("name+namespace over 40", (UnaryOperator<ModuleBuilder>) b ->
                        ModuleBuilder.forModule("a-module-name-of-25-chars").namespace("namespace-of-16c").image("r/x:1"),
                        "metadata.name"),
                Arguments.of("default image without tag or digest", (UnaryOperator<ModuleBuilder>) b -> b.image("reg/hello"),
                        C + ".containerImage"),
                Arguments.of("mapping image without tag or digest", (UnaryOperator<ModuleBuilder>) b ->
                        b.mapping(KernelMapping.literal("6.1.0-1-amd64", "reg/hello")), C + ".kernelMappings[1].containerImage"),
                Arguments.of("literal and regexp together", (UnaryOperator<ModuleBuilder>) b ->
                        b.mapping(new KernelMapping("6.1.0-1-amd64", "^6", "")), C + ".kernelMappings[1]"),
                Arguments.of("neither literal nor regexp", (UnaryOperator<ModuleBuilder>) b ->
                        b.mapping(new KernelMapping("", "", "r/x:1")), C + ".kernelMappings[1]"),
                Arguments.of("regexp RE2 rejects", (UnaryOperator<ModuleBuilder>) b ->
                        b.mapping(KernelMapping.regexp("^6(?!\\.1)", "")), C + ".kernelMappings[1].regexp"),
                Arguments.of("mapping without image and no default", (UnaryOperator<ModuleBuilder>) b ->
                        b.image("").mapping(KernelMapping.literal("6.1.0-1-amd64", "r/x:1")), C + ".kernelMappings[0].containerImage"),
                Arguments.of("filesToSign outside dirName", (UnaryOperator<ModuleBuilder>) b ->
                        b.filesToSign("/lib/modules/${KERNEL_FULL_VERSION}/hello.ko"), "IN_CLUSTER:" + C + ".sign.filesToSign[0]"),
                Arguments.of("loading order of one", (UnaryOperator<ModuleBuilder>) b -> b.loadOrder("hello"),
                        C + ".modprobe.modulesLoadingOrder"),
                Arguments.of("loading order not starting with moduleName", (UnaryOperator<ModuleBuilder>) b ->
                        b.loadOrder("dep", "hello"), C + ".modprobe.modulesLoadingOrder[0]"),
                Arguments.of("loading order with a duplicate", (UnaryOperator<ModuleBuilder>) b ->
                        b.loadOrder("hello", "dep", "dep"), C + ".modprobe.modulesLoadingOrder[2]"),
                Arguments.of("rawArgs with moduleName", (UnaryOperator<ModuleBuilder>) b ->
                        b.rawArgs(List.of("/opt/hello.ko"), List.of("hello")).moduleName("hello"), "RAW:" + C + ".modprobe.rawArgs"),
                Arguments.of("neither moduleName nor rawArgs", (UnaryOperator<ModuleBuilder>) b -> b.moduleName(""),
                        C + ".modprobe.moduleName"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void eachRuleRejectsWithItsFieldPath(String rule, UnaryOperator<ModuleBuilder> breakIt, String path) {
        if (path.startsWith("RAW:")) {
            // the builder drops moduleName when raw args are given; KMM's rule is checked on the object itself
            Module m = io.ocatopic.kmm.internal.resources.KmmResources.module(valid().spec());
            Module.Modprobe mp = m.getSpec().moduleLoader().container().modprobe();
            Module.Container c = m.getSpec().moduleLoader().container();
            Module.Container broken = new Module.Container(new Module.Modprobe("hello", mp.dirName(), null, null,
                    new Module.RawArgs(List.of("/opt/hello.ko"), List.of("hello")), null), c.kernelMappings(),
                    c.containerImage(), null, null, null);
            m.setSpec(m.getSpec().withLoader(new Module.Loader(broken, null)));
            assertOnly(AdmissionRules.validate(m), path.substring(4));
            return;
        }
        if (path.startsWith("IN_CLUSTER:")) {
            ModuleSpec spec = breakIt.apply(valid()).spec();
            var objects = io.ocatopic.kmm.internal.resources.InClusterBuild.render(spec, "FROM x", java.util.Optional.of(
                    new io.ocatopic.kmm.ModuleBuilder.SigningMaterial(new byte[]{1}, new byte[]{2})));
            assertOnly(AdmissionRules.validate((Module) objects.get(objects.size() - 1)), path.substring(11));
            return;
        }
        KmmException e = assertThrows(KmmException.class, () -> breakIt.apply(valid()).spec(), rule);
        assertEquals(KmmException.Reason.INVALID, e.reason());
        assertOnly(e.problems(), path);
    }

    private static void assertOnly(List<Problem> problems, String path) {
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(path, problems.get(0).path(), problems.toString());
    }

    @Test
    void theValidBaselinePassesAndTheLimitIsForty() {
        assertEquals(List.of(), valid().spec().validate());
        // 24 + 16 = 40 characters: admitted
        assertEquals(List.of(), ModuleBuilder.forModule("a-module-name-of-24-char").namespace("namespace-of-16c")
                .image("r/x:1").spec().validate());
        ModuleSpec spec = valid().filesToSign("/opt/lib/modules/${KERNEL_FULL_VERSION}/hello.ko").spec();
        var objects = io.ocatopic.kmm.internal.resources.InClusterBuild.render(spec, "FROM x", java.util.Optional.of(
                new io.ocatopic.kmm.ModuleBuilder.SigningMaterial(new byte[]{1}, new byte[]{2})));
        assertEquals(List.of(), AdmissionRules.validate((Module) objects.get(objects.size() - 1)));
    }

    @Test
    void signWithoutFilesToSignAndAllProblemsAreCollected() {
        Module m = io.ocatopic.kmm.internal.resources.KmmResources.module(valid().spec());
        Module.Container c = m.getSpec().moduleLoader().container();
        Module.Container broken = new Module.Container(c.modprobe(), c.kernelMappings(), "reg/hello", null,
                new Module.Sign(null, new Module.Ref("k"), new Module.Ref("c"), List.of()), null);
        m.setSpec(m.getSpec().withLoader(new Module.Loader(broken, null)));
        List<String> paths = AdmissionRules.validate(m).stream().map(Problem::path).toList();
        assertEquals(List.of(C + ".containerImage", C + ".sign.filesToSign"), paths);
    }

    @Test
    void buildFailsBeforeTouchingTheEngine() {
        KmmException e = assertThrows(KmmException.class, () -> valid().image("reg/hello").kernels("6.1.0-54-amd64")
                .build(null, io.ocatopic.kube.ProgressEvent.Listener.NONE));
        assertTrue(e.problems().stream().anyMatch(p -> p.path().equals(C + ".containerImage")));
        assertTrue(e.problems().stream().anyMatch(p -> p.path().equals("kernels[0]")), e.problems().toString());
    }
}
