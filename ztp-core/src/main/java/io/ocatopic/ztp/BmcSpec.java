package io.ocatopic.ztp;

/**
 * How to reach a node's baseboard management controller.
 *
 * @param url      the BMC address, for example {@code redfish-virtualmedia://10.0.0.5/redfish/v1/Systems/1}
 * @param username the BMC user name
 * @param password the BMC password, by value or reference; never printed
 */
public record BmcSpec(String url, String username, SecretValue password) {
}
