/**
 * Internal: the generic netlink socket client ({@link io.ocatopic.netlink.internal.GenericNetlink}), the
 * wire codec (attributes, requests, messages, families), the devlink ABI numbers and requests, and the
 * {@link io.ocatopic.netlink.internal.GenlDevlinkClient} behind {@link io.ocatopic.netlink.DevlinkClient},
 * whose {@link io.ocatopic.netlink.internal.GenlTransport} seam test doubles implement. Not API: exported
 * only to {@code io.ocatopic.dpu} and to {@code io.ocatopic.testing}, whose {@code FakeDevlink} answers
 * devlink from an in-memory kernel model.
 */
package io.ocatopic.netlink.internal;
