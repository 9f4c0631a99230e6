package io.ocatopic.gpu.node;

import io.ocatopic.gpu.mig.MigAction;
import java.util.List;
import java.util.Optional;

/**
 * What applying a node's diff did.
 *
 * @param dryRun  whether nothing was changed
 * @param done    steps completed (in a dry run: the steps that would run)
 * @param failed  the step that failed, if any; nothing after it ran
 * @param error   why it failed ("" when nothing failed)
 * @param pending steps not run because of the failure
 * <pre>{@code
 * if (!report.succeeded()) System.err.println(report.failed().get() + ": " + report.error());
 * }</pre>
 */
public record ApplyReport(boolean dryRun, List<MigAction> done, Optional<MigAction> failed, String error,
                          List<MigAction> pending) {
    /**
     * Validates and copies.
     *
     * @param dryRun see the record component
     * @param done see the record component
     * @param failed see the record component
     * @param error see the record component
     * @param pending see the record component
     */
    public ApplyReport {
        done = List.copyOf(done);
        pending = List.copyOf(pending);
    }

    /** @return whether every step ran */
    public boolean succeeded() {
        return failed.isEmpty();
    }
}
