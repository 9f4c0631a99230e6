package io.ocatopic.dpu.internal.card;

import io.ocatopic.dpu.card.CardPlan;
import io.ocatopic.dpu.DpuException;
import io.ocatopic.kube.StepReport;
import io.ocatopic.netlink.DevlinkClient;
import io.ocatopic.netlink.DevlinkPort;
import io.ocatopic.netlink.DevlinkClient.EswitchMode;
import io.ocatopic.netlink.NetlinkException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Observes a card through sysfs and devlink, plans the safe order ({@link CardPlanner}) and applies
 * it, stopping at the first failure and reporting what was applied.
 *
 * <pre>{@code
 * try (DevlinkClient devlink = DevlinkClient.open()) {
 *     CardSetup setup = new CardSetup(SysfsRoot.system(), devlink);
 *     CardPlan.Result result = setup.apply(setup.plan(spec));
 * }
 * }</pre>
 */
public final class CardSetup {
    private static final Logger LOG = LoggerFactory.getLogger(CardSetup.class);

    private final SysfsRoot sysfs;
    private final DevlinkClient devlink;

    /**
     * @param sysfs   the sysfs root
     * @param devlink the devlink client
     */
    public CardSetup(SysfsRoot sysfs, DevlinkClient devlink) {
        this.sysfs = Objects.requireNonNull(sysfs, "sysfs");
        this.devlink = Objects.requireNonNull(devlink, "devlink");
    }

    /**
     * Reads the card's current state.
     *
     * @param spec the card (its PF address)
     * @return the state
     * @throws DpuException with reason CARD_STATE when sysfs or devlink cannot be read
     */
    public CardState observe(CardPlan.Spec spec) {
        try {
            OptionalInt numVfs = sysfs.numVfs(spec.pciAddress());
            OptionalInt total = sysfs.totalVfs(spec.pciAddress());
            if (total.isPresent() && spec.numVfs() > total.getAsInt()) {
                throw new DpuException(DpuException.Reason.CARD_STATE, "card " + spec.pciAddress() + " offers "
                        + total.getAsInt() + " VFs (sriov_totalvfs), " + spec.numVfs() + " asked", null);
            }
            EswitchMode mode = devlink.eswitch(spec.handle()).mode();
            List<DevlinkPort> ports = devlink.ports(spec.handle());
            return new CardState(numVfs, Optional.of(mode), ports);
        } catch (IOException | NetlinkException e) {
            throw new DpuException(DpuException.Reason.CARD_STATE,
                    "cannot read the state of card " + spec.pciAddress() + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param spec the desired state
     * @return the plan from the observed state
     */
    public CardPlan plan(CardPlan.Spec spec) {
        return CardPlanner.plan(spec, observe(spec));
    }

    /**
     * Applies a plan step by step; stops at the first failure.
     *
     * @param plan the plan
     * @return what was applied, what failed, what was not attempted, and the representors found
     */
    public CardPlan.Result apply(CardPlan plan) {
        List<CardPlan.Step> steps = plan.steps();
        for (int i = 0; i < steps.size(); i++) {
            CardPlan.Step step = steps.get(i);
            try {
                run(step);
                LOG.info("card {}: {}", plan.spec().pciAddress(), step.describe());
            } catch (IOException | NetlinkException | IllegalStateException e) {
                LOG.warn("card {}: failed: {}: {}", plan.spec().pciAddress(), step.describe(), e.getMessage());
                return new CardPlan.Result(StepReport.failedAt(steps, i, String.valueOf(e.getMessage())),
                        representors(plan.spec()));
            }
        }
        return new CardPlan.Result(StepReport.allDone(steps), representors(plan.spec()));
    }

    private void run(CardPlan.Step step) throws IOException {
        if (step instanceof CardPlan.Step.SetNumVfs s) {
            sysfs.setNumVfs(s.pciAddress(), s.numVfs());
        } else if (step instanceof CardPlan.Step.SetEswitchMode s) {
            devlink.setEswitchMode(s.handle(), s.mode());
        } else if (step instanceof CardPlan.Step.SetPortFunction s) {
            DevlinkPort port = CardPlanner.findVf(devlink.ports(s.handle()), s.controller(), s.pf(), s.vf())
                    .orElseThrow(() -> new IllegalStateException("no devlink port for VF representor " + s.representor()
                            + " on " + s.handle()));
            devlink.setPortFunction(s.handle(), port.index(), s.function());
        }
    }

    private Map<String, String> representors(CardPlan.Spec spec) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            Map<RepresentorName, String> all = Representors.all(sysfs);
            for (int vf = 0; vf < spec.numVfs(); vf++) {
                RepresentorName r = RepresentorName.vf(spec.controller(), spec.pfNumber(), vf);
                String dev = all.get(r);
                if (dev != null) {
                    out.put(r.toString(), dev);
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot list representors: {}", e.getMessage());
        }
        return out;
    }
}
