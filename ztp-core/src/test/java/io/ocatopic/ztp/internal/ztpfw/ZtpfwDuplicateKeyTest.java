package io.ocatopic.ztp.internal.ztpfw;

import io.ocatopic.kube.Secret;
import io.ocatopic.ztp.ChassisImport;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocatopic.ztp.internal.SampleChassis;
import io.ocatopic.ztp.ZtpException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Issue 16 case 9: a ZTPFW node given twice replaced the first one silently (the last key won). */
class ZtpfwDuplicateKeyTest {
    @Test
    void aNodeGivenTwiceIsRefusedWithItsPath() throws Exception {
        String text = Files.readString(Path.of("src/test/resources/ztpfw/two-clusters.yaml"));
        int at = text.indexOf("      master0:");
        int end = text.indexOf("      master1:");
        assertTrue(at > 0 && end > at, "the fixture has master0 then master1");
        String twice = text.substring(0, end) + text.substring(at, end) + text.substring(end);
        ZtpException e = assertThrows(ZtpException.class, () -> ZtpfwImporter.parse(twice,
                ChassisImport.ztpfw("example.com", Secret.of(SampleChassis.PULL_SECRET))));
        assertEquals(ZtpException.Reason.MALFORMED_INPUT, e.reason());
        assertTrue(e.getMessage().contains("duplicate key \"master0\""), e.getMessage());
        assertTrue(e.getMessage().startsWith("edgeclusters[0]."), e.getMessage());
    }
}
