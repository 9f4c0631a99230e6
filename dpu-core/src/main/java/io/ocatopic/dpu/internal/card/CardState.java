package io.ocatopic.dpu.internal.card;

import io.ocatopic.netlink.DevlinkPort;
import io.ocatopic.netlink.DevlinkClient.EswitchMode;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a card looks like now (observed through sysfs and devlink), or {@link #unknown()} for a plan
 * made without looking (every step is then planned).
 *
 * <pre>{@code
 * CardPlan plan = CardPlanner.plan(spec, CardState.unknown());
 * }</pre>
 *
 * @param numVfs  {@code sriov_numvfs}
 * @param eswitch the eswitch mode
 * @param ports   the devlink ports of the PF's instance
 */
public record CardState(OptionalInt numVfs, Optional<EswitchMode> eswitch, List<DevlinkPort> ports) {
    /**
     * Copies the ports.
     *
     * @param numVfs see the record description
     * @param eswitch see the record description
     * @param ports see the record description
     */
    public CardState {
        ports = List.copyOf(ports);
    }

    /** @return a state where nothing is known */
    public static CardState unknown() {
        return new CardState(OptionalInt.empty(), Optional.empty(), List.of());
    }
}
