/**
 * ocatopic's native bindings: NVML over JNA with bundled JNI trampolines for the hot getters
 * ({@code io.ocatopic.nvml}), and devlink over Linux generic netlink ({@code io.ocatopic.netlink}).
 * Depends on JNA, SLF4J (one log line) and {@code io.ocatopic.core} (the error root); below {@code io.ocatopic.kube}.
 *
 * <p>JNA reflects on the {@code Library} interface and the direct-mapped classes of
 * {@code io.ocatopic.nvml} and on the direct-mapped libc of {@code io.ocatopic.netlink.internal}, so
 * both packages are open to it. The JNI trampolines are bound by name to
 * {@code io.ocatopic.nvml.NvmlJni} ({@code src/main/c/ocatopic_nvml_jni.c}).
 */
module io.ocatopic.nativebindings {
    requires transitive io.ocatopic.core;
    requires com.sun.jna;
    requires org.slf4j;

    exports io.ocatopic.nvml;
    exports io.ocatopic.netlink;
    exports io.ocatopic.netlink.internal to io.ocatopic.dpu, io.ocatopic.testing;

    opens io.ocatopic.nvml to com.sun.jna;
    opens io.ocatopic.netlink.internal to com.sun.jna;
}
