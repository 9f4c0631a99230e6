/**
 * Card setup for a BlueField, as a value: the plan ({@link io.ocatopic.dpu.card.CardPlan}) in the safe order
 * (VFs to 0, eswitch switchdev, VFs back, port functions) and what applying it did
 * ({@link io.ocatopic.dpu.card.CardPlan.Result}: a {@code StepReport} and the representors found by
 * {@code phys_port_name}). Made and applied by {@link io.ocatopic.dpu.DpuOffloadConfig}.
 *
 * <pre>{@code
 * try (DevlinkClient devlink = DevlinkClient.open()) {
 *     CardPlan plan = config.planCard("dpu-0", Path.of("/"), devlink);
 *     plan.describe().forEach(System.out::println);                      // the plan first
 *     CardPlan.Result result = config.applyCard(plan, Path.of("/"), devlink);
 * }
 * }</pre>
 */
package io.ocatopic.dpu.card;
