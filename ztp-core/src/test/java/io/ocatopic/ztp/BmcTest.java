package io.ocatopic.ztp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocatopic.kube.Secret;
import org.junit.jupiter.api.Test;

class BmcTest {
    @Test
    void aPasswordWrittenIntoTheBmcUrlNeverReachesToString() {
        ChassisSpec.Bmc b = new ChassisSpec.Bmc("redfish-virtualmedia+https://admin:Hunter2@10.0.0.5/redfish/v1/Systems/1",
                "admin", Secret.of("BMC-SECRET-PW"));
        String shown = b.toString();
        assertFalse(shown.contains("Hunter2"), shown);
        assertFalse(shown.contains("BMC-SECRET-PW"), shown);
        assertTrue(shown.contains("redfish-virtualmedia+https://***@10.0.0.5/redfish/v1/Systems/1"), shown);
        assertEquals("https://10.0.0.5/x", new ChassisSpec.Bmc("https://10.0.0.5/x", "admin", Secret.of("p")).url());
        assertTrue(new ChassisSpec.Bmc("ipmi://10.0.0.5", "admin", Secret.of("p")).toString().contains("ipmi://10.0.0.5"));
    }
}
