package io.ocatopic.ztp.internal.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ocatopic.ztp.ZtpException;
import org.junit.jupiter.api.Test;

class SpokeKubeconfigTest {
    private static final String KUBECONFIG = """
            apiVersion: v1
            kind: Config
            clusters:
            - cluster:
                server: https://old:6443
              name: spoke
            users:
            - name: admin
              user:
                token: %s
            """;

    @Test
    void rewritesEveryServer() {
        String out = SpokeKubeconfig.withServer(io.ocatopic.kube.Secret.of(KUBECONFIG.formatted("tok-1")), "https://new:6443")
                .reveal();
        assertTrue(out.contains("https://new:6443"), out);
        assertFalse(out.contains("https://old:6443"), out);
        assertTrue(out.contains("tok-1"), out);
    }

    @Test
    void malformedKubeconfigNeverQuotesItsContentInTheError() {
        // a YAML syntax error on the token line: the parser's message quotes that line
        String broken = KUBECONFIG.formatted("SUPERSECRET-TOKEN: [");
        ZtpException e = assertThrows(ZtpException.class,
                () -> SpokeKubeconfig.withServer(io.ocatopic.kube.Secret.of(broken), "https://new:6443"));
        assertEquals(ZtpException.Reason.MALFORMED_INPUT, e.reason());
        assertFalse(e.getMessage().contains("SUPERSECRET"), e.getMessage());
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            assertFalse(String.valueOf(c.getMessage()).contains("SUPERSECRET"), c.toString());
        }
        assertNull(e.getCause());
    }

    @Test
    void notAKubeconfigGivesTheModulesException() {
        ZtpException e = assertThrows(ZtpException.class,
                () -> SpokeKubeconfig.withServer(io.ocatopic.kube.Secret.of("just-a-SUPERSECRET-string"), "https://new:6443"));
        assertEquals(ZtpException.Reason.MALFORMED_INPUT, e.reason());
        assertFalse(e.getMessage().contains("SUPERSECRET"), e.getMessage());
    }
}
