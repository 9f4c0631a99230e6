/**
 * Card setup for a BlueField: plan and apply the safe order (VFs to 0, eswitch switchdev, VFs back,
 * port functions) through devlink and sysfs, the latter behind a root directory ({@link
 * io.ocatopic.dpu.card.SysfsRoot}); representors found by {@code phys_port_name}.
 *
 * <pre>{@code
 * CardSetup setup = new CardSetup(SysfsRoot.system(), DevlinkClient.over(nl));
 * CardPlan plan = setup.plan(config.cardSpec("dpu-0"));
 * plan.describe().forEach(System.out::println);          // dry run
 * CardSetupReport report = setup.apply(plan);
 * }</pre>
 */
package io.ocatopic.dpu.card;
