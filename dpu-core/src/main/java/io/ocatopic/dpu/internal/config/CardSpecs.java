package io.ocatopic.dpu.internal.config;

import io.ocatopic.dpu.Card;
import io.ocatopic.dpu.DpuNode;
import io.ocatopic.dpu.DpuOffloadConfig;
import io.ocatopic.dpu.DpuOffloadConfig.Offload;
import io.ocatopic.dpu.card.CardPlan;
import io.ocatopic.netlink.DevlinkPort.PortCaps;
import io.ocatopic.netlink.DevlinkPort.PortFunction;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Maps a configuration's DPU node to the card spec that card setup brings the card to. */
public final class CardSpecs {
    /** The devlink port function cap each VF needs for an offload; offloads not listed need none. */
    private static final Map<Offload, Integer> PORT_CAPS;

    static {
        Map<Offload, Integer> caps = new EnumMap<>(Offload.class);
        caps.put(Offload.ROCE, PortCaps.CAP_ROCE);
        caps.put(Offload.IPSEC_CRYPTO, PortCaps.CAP_IPSEC_CRYPTO);
        caps.put(Offload.IPSEC_PACKET, PortCaps.CAP_IPSEC_PACKET);
        PORT_CAPS = Collections.unmodifiableMap(caps);
    }

    private static final Pattern UPLINK = Pattern.compile("p(\\d+)");

    private CardSpecs() {
    }

    /**
     * The card setup of one DPU node: switchdev, the configured VF count, and on every VF the port function
     * caps that the offloads need.
     *
     * @param c    the configuration
     * @param node one of its nodes
     * @return the card spec
     */
    public static CardPlan.Spec of(DpuOffloadConfig c, DpuNode node) {
        Card card = node.card();
        Matcher m = UPLINK.matcher(card.uplink());
        int pf = m.matches() ? Integer.parseInt(m.group(1)) : 0;
        Optional<PortCaps> caps = Optional.empty();
        for (Map.Entry<Offload, Integer> e : PORT_CAPS.entrySet()) {
            if (c.offloads().contains(e.getKey())) {
                int cap = e.getValue();
                caps = Optional.of(caps.map(x -> x.and(cap, true)).orElse(PortCaps.set(cap, true)));
            }
        }
        Map<Integer, PortFunction> fns = new LinkedHashMap<>();
        if (caps.isPresent()) {
            for (int vf = 0; vf < c.numVfs(); vf++) {
                fns.put(vf, PortFunction.none().withCaps(caps.get()));
            }
        }
        return new CardPlan.Spec(card.pciAddress(), pf, c.numVfs(), OptionalInt.empty(), fns);
    }
}
