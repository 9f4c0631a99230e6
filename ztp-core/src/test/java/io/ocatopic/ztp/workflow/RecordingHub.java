package io.ocatopic.ztp.workflow;

import io.ocatopic.kube.ProgressEvent;
import io.ocatopic.ztp.workflow.FactoryWorkflow.ClusterApi;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.openshift.api.model.hive.v1.ClusterDeployment;
import io.ocatopic.kube.KubeException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Test double around a real (embedded) hub API: counts creations per object, fails the n-th operation of
 * a chosen step, and plays the assisted installer (a ClusterDeployment becomes installed on the second
 * poll, with its admin kubeconfig Secret).
 */
final class RecordingHub implements ClusterApi {
    private final ClusterApi delegate;
    final Map<String, Integer> creations = new HashMap<>();
    final Map<String, Integer> opsPerStep = new HashMap<>();
    final List<String> log = new ArrayList<>();
    private final Map<String, Integer> polls = new HashMap<>();
    String currentStep = "";
    String failStep;
    int failAtOp = -1;
    boolean failed;

    RecordingHub(ClusterApi delegate) {
        this.delegate = delegate;
    }

    ProgressEvent.Listener listener() {
        return e -> {
            if (e.kind() == ProgressEvent.Kind.STARTED) {
                currentStep = e.step();
            }
        };
    }

    private void op(String what) {
        int n = opsPerStep.merge(currentStep, 1, Integer::sum) - 1;
        log.add(currentStep + " " + what);
        if (!failed && currentStep.equals(failStep) && n == failAtOp) {
            failed = true;
            throw new KubeException(KubeException.Reason.UNREACHABLE, 0, "injected failure in " + currentStep
                    + " at op " + n, null);
        }
    }

    static String key(HasMetadata o) {
        return o.getKind() + "/" + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
    }

    @Override
    public <T extends HasMetadata> T apply(T object) {
        op("apply " + key(object));
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) object.getClass();
        boolean exists = delegate.get(type, object.getMetadata().getNamespace(), object.getMetadata().getName())
                .isPresent();
        T out = delegate.apply(object);
        if (!exists) {
            creations.merge(key(object), 1, Integer::sum);
        }
        return out;
    }

    @Override
    public boolean delete(HasMetadata object) {
        op("delete " + key(object));
        return delegate.delete(object);
    }

    @Override
    public <T extends HasMetadata> Optional<T> get(Class<T> type, String namespace, String name) {
        op("get " + type.getSimpleName() + "/" + namespace + "/" + name);
        Optional<T> got = delegate.get(type, namespace, name);
        if (type == ClusterDeployment.class && got.isPresent()) {
            ClusterDeployment cd = (ClusterDeployment) got.get();
            if (!Boolean.TRUE.equals(cd.getSpec().getInstalled()) && polls.merge(name, 1, Integer::sum) >= 2) {
                cd.getSpec().setInstalled(true);
                cd.getMetadata().setResourceVersion(null);
                delegate.apply(cd);
                delegate.apply(new SecretBuilder().withNewMetadata().withName(name + "-admin-kubeconfig")
                        .withNamespace(namespace).endMetadata()
                        .withStringData(Map.of("kubeconfig", WorkflowTest.kubeconfig(name, "https://api." + name
                                + ".factory.example.com:6443"))).build());
            }
        }
        return got;
    }

    @Override
    public boolean reachable() {
        op("ping");
        return delegate.reachable();
    }

    @Override
    public String endpoint() {
        return delegate.endpoint();
    }
}
