package io.ocatopic.gpu.internal;

import io.ocatopic.gpu.GpuException;
import io.ocatopic.kube.internal.KubeNames;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The gpu renderers' use of Kubernetes' name rules ({@link KubeNames}, the one copy of the rules): checks
 * that fail with a {@link GpuException} naming the field and an example, and label values shortened with a
 * hash (the MIG manager's and the vGPU device manager's config names, {@code nvidia.com/mig.config} and
 * {@code nvidia.com/vgpu.config}, are label values).
 *
 * <pre>{@code
 * GpuNames.requireSubdomain("ocatopic-mig-config", "metadata.name");
 * String value = GpuNames.labelValue("ocatopic-", nodeName); // shortened with a hash when too long
 * }</pre>
 */
public final class GpuNames {
    private GpuNames() {
    }

    /**
     * Checks an object name (a DNS-1123 subdomain: at most 253 lowercase letters, digits, {@code -} and
     * {@code .}, starting and ending alphanumeric).
     *
     * @param name the name
     * @param path the field that holds it, e.g. {@code metadata.name}
     * @return the name
     * @throws GpuException {@code INVALID} naming the field and the rule
     */
    public static String requireSubdomain(String name, String path) {
        if (!KubeNames.isSubdomain(name)) {
            throw invalid(path + ": \"" + name + "\" is not a DNS-1123 subdomain (at most 253 lowercase letters,"
                    + " digits, '-' and '.', starting and ending with a letter or digit), e.g. ocatopic-mig-config");
        }
        return name;
    }

    /**
     * Checks a namespace name (a DNS-1123 label: at most 63 lowercase letters, digits and {@code -},
     * starting and ending alphanumeric).
     *
     * @param name the name
     * @param path the field that holds it, e.g. {@code metadata.namespace}
     * @return the name
     * @throws GpuException {@code INVALID} naming the field and the rule
     */
    public static String requireLabel(String name, String path) {
        if (!KubeNames.isLabel(name)) {
            throw invalid(path + ": \"" + name + "\" is not a DNS-1123 label (at most 63 lowercase letters, digits"
                    + " and '-', starting and ending with a letter or digit), e.g. nvidia-gpu-operator");
        }
        return name;
    }

    /**
     * Checks a label value.
     *
     * @param value the value
     * @param path  the field or label that holds it, e.g. {@code vgpu-configs.<name>}
     * @return the value
     * @throws GpuException {@code INVALID} naming the field and the rule
     */
    public static String requireLabelValue(String value, String path) {
        if (!KubeNames.isLabelValue(value)) {
            throw invalid(path + ": \"" + value + "\" cannot be a label value (at most 63 letters, digits, '-', '_'"
                    + " and '.', starting and ending with a letter or digit); pick a shorter name of those characters");
        }
        return value;
    }

    /**
     * A label value made of a prefix and a name: {@code prefix + name} when that is a valid label value,
     * otherwise the prefix, as much of the name as fits (other characters turned into {@code -}) and
     * {@code -} with 8 hex digits of the name's SHA-256, so that distinct names stay distinct.
     *
     * @param prefix e.g. {@code ocatopic-}; letters, digits, {@code -}, {@code _} and {@code .}, starting with
     *               a letter or digit
     * @param name   e.g. a node name
     * @return a label value of at most 63 characters
     */
    public static String labelValue(String prefix, String name) {
        String whole = prefix + name;
        if (KubeNames.isLabelValue(whole)) {
            return whole;
        }
        String hash = HexFormat.of().formatHex(sha256(name), 0, 4);
        String head = whole.replaceAll("[^-A-Za-z0-9_.]", "-");
        head = head.substring(0, Math.min(head.length(), KubeNames.LABEL_MAX - 1 - hash.length()));
        return head.replaceAll("[-_.]+$", "") + "-" + hash;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static GpuException invalid(String problem) {
        return new GpuException(GpuException.Reason.INVALID, "invalid name", Problems.of(List.of(problem)), null);
    }
}
