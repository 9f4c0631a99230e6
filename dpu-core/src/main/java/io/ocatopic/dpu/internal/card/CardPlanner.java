package io.ocatopic.dpu.internal.card;

import io.ocatopic.dpu.card.CardPlan;
import io.ocatopic.netlink.DevlinkPort;
import io.ocatopic.netlink.DevlinkClient.EswitchMode;
import io.ocatopic.netlink.DevlinkPort.PortFlavour;
import io.ocatopic.netlink.DevlinkPort.PortFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plans card setup in the safe order. Switching to switchdev fails on some NICs while VFs exist
 * (k8snetworkplumbingwg/sriov-network-operator#1015), and the kernel refuses changing a non-zero VF
 * count to another non-zero count, so: VFs to 0, eswitch switchdev, VFs back, then port functions.
 * Steps whose effect is already in place are left out, so a re-run converges to an empty plan.
 *
 * <pre>{@code
 * CardPlan plan = CardPlanner.plan(spec, observedState);
 * }</pre>
 */
public final class CardPlanner {
    private CardPlanner() {
    }

    /**
     * @param spec     the desired state
     * @param observed the current state ({@link CardState#unknown()} plans everything)
     * @return the plan
     */
    public static CardPlan plan(CardPlan.Spec spec, CardState observed) {
        List<CardPlan.Step> steps = new ArrayList<>();
        boolean switchdev = observed.eswitch().filter(m -> m == EswitchMode.SWITCHDEV).isPresent();
        boolean vfsKnownZero = observed.numVfs().isPresent() && observed.numVfs().getAsInt() == 0;
        boolean vfsRight = observed.numVfs().isPresent() && observed.numVfs().getAsInt() == spec.numVfs();
        boolean vfsRecreated = false;
        if (!switchdev) {
            if (!vfsKnownZero) {
                steps.add(new CardPlan.Step.SetNumVfs(spec.pciAddress(), 0));
            }
            steps.add(new CardPlan.Step.SetEswitchMode(spec.handle(), EswitchMode.SWITCHDEV));
            if (spec.numVfs() > 0) {
                steps.add(new CardPlan.Step.SetNumVfs(spec.pciAddress(), spec.numVfs()));
            }
            vfsRecreated = true;
        } else if (!vfsRight) {
            if (!vfsKnownZero) {
                steps.add(new CardPlan.Step.SetNumVfs(spec.pciAddress(), 0));
            }
            if (spec.numVfs() > 0) {
                steps.add(new CardPlan.Step.SetNumVfs(spec.pciAddress(), spec.numVfs()));
            }
            vfsRecreated = true;
        }
        for (Map.Entry<Integer, PortFunction> e : spec.functions().entrySet()) {
            Optional<DevlinkPort> port = vfsRecreated ? Optional.empty() : findVf(observed.ports(), spec, e.getKey());
            boolean done = port.flatMap(DevlinkPort::function).map(f -> f.satisfies(e.getValue())).orElse(false);
            if (!done) {
                steps.add(new CardPlan.Step.SetPortFunction(spec.handle(), spec.controller(), spec.pfNumber(), e.getKey(),
                        e.getValue()));
            }
        }
        return new CardPlan(spec, steps);
    }

    static Optional<DevlinkPort> findVf(List<DevlinkPort> ports, CardPlan.Spec spec, int vf) {
        return findVf(ports, spec.controller(), spec.pfNumber(), vf);
    }

    static Optional<DevlinkPort> findVf(List<DevlinkPort> ports, java.util.OptionalInt controller, int pf, int vf) {
        for (DevlinkPort p : ports) {
            if (p.flavour() == PortFlavour.PCI_VF && p.vfNumber().orElse(-1) == vf && p.pfNumber().orElse(-1) == pf
                    && p.controller().orElse(0) == controller.orElse(0)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
