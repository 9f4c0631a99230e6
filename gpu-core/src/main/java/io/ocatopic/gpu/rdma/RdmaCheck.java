package io.ocatopic.gpu.rdma;

/**
 * One requirement of an RDMA path and whether the node meets it.
 *
 * @param requirement what is required, e.g. {@code kernel >= 5.12}
 * @param met         whether the node meets it
 * @param explanation why, with the observed value
 * <pre>{@code
 * report.dmaBuf().forEach(c -> System.out.println((c.met() ? "ok   " : "FAIL ") + c.requirement() + ": " + c.explanation()));
 * }</pre>
 */
public record RdmaCheck(String requirement, boolean met, String explanation) {
}
