package io.ocatopic.dpu.card;

import java.util.ArrayList;
import java.util.List;

/**
 * The ordered steps that bring a card to its {@link CardSpec}; empty when the card is already there.
 *
 * <pre>{@code
 * CardPlan plan = setup.plan(spec);
 * if (plan.isEmpty()) System.out.println("card already configured");
 * }</pre>
 *
 * @param spec  the desired state
 * @param steps the steps, in the order they must run
 */
public record CardPlan(CardSpec spec, List<CardStep> steps) {
    /**
     * Copies the steps.
     *
     * @param spec see the record description
     * @param steps see the record description
     */
    public CardPlan {
        steps = List.copyOf(steps);
    }

    /** @return whether nothing needs doing */
    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** @return the dry-run listing: one numbered line per step */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        if (steps.isEmpty()) {
            out.add("card " + spec.pciAddress() + ": nothing to do");
        }
        for (int i = 0; i < steps.size(); i++) {
            out.add((i + 1) + ". " + steps.get(i).describe());
        }
        return out;
    }
}
