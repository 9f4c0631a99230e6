/**
 * What embedders need to test code built on ocatopic, without a cluster, a GPU or golden-file plumbing of
 * their own: {@link io.ocatopic.testing.EmbeddedApi} (a Kubernetes API on 127.0.0.1 that refuses what
 * kube-apiserver and the operators' CRDs would refuse), {@link io.ocatopic.testing.FakeNvml} (a loadable C
 * double of the NVML ABI, with an A100 in its default state), {@link io.ocatopic.testing.FakeDevlink} (a
 * ConnectX/BlueField PF's devlink answered through the real netlink client, for DPU card plans) and
 * {@link io.ocatopic.testing.Golden} (golden files, rewritten on request).
 *
 * <pre>{@code
 * try (EmbeddedApi api = EmbeddedApi.start()) {
 *     Applier applier = api.applier();
 *     applier.apply(objects);                                       // refused with 422 where a real server would
 *     Golden.assertMatches(Path.of("src/test/resources/golden/out.yaml"), rendered);
 * }
 * try (Nvml nvml = Nvml.open(FakeNvml.library().toString())) {    // no GPU needed
 *     System.out.println(nvml.device(0).name());
 * }
 * }</pre>
 */
package io.ocatopic.testing;
