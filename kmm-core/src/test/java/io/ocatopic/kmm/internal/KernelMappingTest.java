package io.ocatopic.kmm.internal;

import io.ocatopic.kmm.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * KMM's own cases from kubernetes-sigs/kernel-module-management: internal/kernel/kernel_test.go
 * (normalization), internal/utils/replaceStrings_test.go (variables, substitution) and
 * internal/module/kernelmapper_test.go (mapping lookup, template errors).
 */
class KernelMappingTest {

    @ParameterizedTest(name = "normalize({0}) = {1}")
    @CsvSource(delimiter = '|', value = {
            "1.2.3-4|1.2.3-4", "1.2.3+4|1.2.3_4", "1.2.3_4|1.2.3_4", "1.2.3&4|1.2.3_4",
            "1.2.3%4|1.2.3_4", "1.2.3?4|1.2.3_4", "1.2.3 4|1.2.3_4"})
    void normalization(String kernel, String expected) {
        assertEquals(expected, KernelVersions.normalize(kernel));
    }

    @Test
    void kernelVariablesAsKmmComputesThem() {
        assertEquals(Map.of("KERNEL_FULL_VERSION", "6.0.15-300.fc37.x86_64", "KERNEL_VERSION", "6.0.15-300.fc37.x86_64",
                        "KERNEL_XYZ", "6.0.15", "KERNEL_X", "6", "KERNEL_Y", "0", "KERNEL_Z", "15"),
                KernelVersions.variables("6.0.15-300.fc37.x86_64"));
        assertEquals("6.1.0", KernelVersions.variables("6.1.0-54-amd64").get("KERNEL_XYZ"));
        // KMM splits the *normalized* kernel: ',' is normalized to '_' first, so "4,18,5" has one part
        assertThrows(KmmException.class, () -> KernelVersions.variables("4,18,5"));
        assertEquals("3_4", KernelVersions.variables("1-2.3+4").get("KERNEL_Z"), "+ is normalized to _, not a separator");
    }

    @ParameterizedTest(name = "missing parts: {0}")
    @CsvSource({"test", "6.1", "6-1"})
    void fewerThanThreePartsIsAnError(String kernel) {
        KmmException e = assertThrows(KmmException.class, () -> KernelVersions.variables(kernel));
        assertEquals(KmmException.Reason.INVALID, e.reason());
    }

    @Test
    void substitutionLikeEnvsubst() {
        Map<String, String> vars = Map.of("A", "AAA", "B", "BBB", "C", "CCC");
        assertEquals("string with template AAA", KernelVersions.substitute("string with template $A", vars));
        assertEquals("string with template BBB", KernelVersions.substitute("string with template ${B}", vars));
        assertEquals("string without template", KernelVersions.substitute("string without template", vars));
        assertEquals("x::y", KernelVersions.substitute("x:${UNSET}:y", vars), "unset variables are empty");
        assertEquals("def", KernelVersions.substitute("${UNSET:-def}", vars));
        assertEquals("$A", KernelVersions.substitute("$$A", vars));
        assertThrows(KmmException.class, () -> KernelVersions.substitute("some image:${KERNEL_XYZ", vars));
    }

    @Test
    void imageUsesNormalizedKernelAndModuleVariables() {
        Map<String, String> vars = KernelVersions.imageVariables("5.8.18-100.fc31.x86_64+debug", "hello", "ns");
        assertEquals("reg/ns/hello:5.8.18-100.fc31.x86_64_debug-5.8.18",
                KernelVersions.substitute("reg/${MOD_NAMESPACE}/${MOD_NAME}:${KERNEL_FULL_VERSION}-${KERNEL_XYZ}", vars));
    }

    @Test
    void literalAndRegexpLookupFirstMatchWins() {
        List<KernelMapping> ms = List.of(
                KernelMapping.regexp("1.2.2", "a:1"),           // RE2, unanchored: '.' matches any character
                KernelMapping.literal("1.2.3", "b:1"),
                KernelMapping.regexp("1\\..*", "c:1"));
        assertEquals(Optional.of(1), KernelMapping.firstMatch(ms, "1.2.3"));
        assertEquals(Optional.of(0), KernelMapping.firstMatch(ms, "1x2x2"));
        assertEquals(Optional.of(2), KernelMapping.firstMatch(ms, "1.9.0"));
        assertEquals(Optional.empty(), KernelMapping.firstMatch(List.of(KernelMapping.regexp("1.2.2", "a:1"),
                KernelMapping.regexp("0\\..*", "a:1")), "1.2.3"));
        // literal is exact equality, regexp is unanchored unless anchored explicitly
        assertFalse(KernelMapping.literal("1.2", "x:1").matches("1.2.3"));
        assertTrue(KernelMapping.regexp("2\\.3", "x:1").matches("1.2.3"));
        assertFalse(KernelMapping.regexp("^2\\.3$", "x:1").matches("1.2.3"));
    }

    @Test
    void invalidRegexpIsAnErrorAndRe2RejectsWhatJavaAccepts() {
        assertThrows(KmmException.class, () -> KernelMapping.regexp("invalid)", "x:1").matches("1.2.3"));
        // Go RE2 has no backreferences or lookaheads; java.util.regex would accept both
        assertTrue(KernelVersions.re2Error("(a)\\1").isPresent());
        assertTrue(KernelVersions.re2Error("^6(?=\\.1)").isPresent());
        assertTrue(KernelVersions.re2Error("^6\\.1\\..*-amd64$").isEmpty());
    }

    @Test
    void specResolvesImagePerKernel() {
        ModuleSpec spec = ModuleBuilder.forModule("hello").namespace("kmm")
                .mapping(KernelMapping.literal("6.1.0-54-amd64", "reg/special:${KERNEL_Z}"))
                .mapping(KernelMapping.regexp("^6\\.1\\.", ""))
                .image("reg/${MOD_NAME}:${KERNEL_FULL_VERSION}")
                .kernels("6.1.0-54-amd64", "6.1.0-56-amd64").spec();
        assertEquals("reg/special:0", spec.imageFor("6.1.0-54-amd64"));
        assertEquals("reg/hello:6.1.0-56-amd64", spec.imageFor("6.1.0-56-amd64"));
        KmmException e = assertThrows(KmmException.class, () -> spec.imageFor("5.14.0-1"));
        assertEquals("kernels", e.problems().get(0).path());
    }

    @Test
    void injectedBuildArgsOverrideUserArgs() {
        ModuleSpec spec = ModuleBuilder.forModule("hello").namespace("kmm").image("reg/h:1")
                .buildArg("KERNEL_VERSION", "user").buildArg("EXTRA", "x").spec();
        assertEquals(Map.of("KERNEL_VERSION", "6.1.0-54-amd64+rt", "KERNEL_FULL_VERSION", "6.1.0-54-amd64+rt",
                "MOD_NAME", "hello", "MOD_NAMESPACE", "kmm", "EXTRA", "x"), spec.buildArgsFor("6.1.0-54-amd64+rt"));
    }
}
