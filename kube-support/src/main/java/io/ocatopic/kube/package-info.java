/**
 * The one apply path ({@link io.ocatopic.kube.Applier}) and YAML I/O ({@link io.ocatopic.kube.KubeYaml})
 * that every ocatopic module writes Kubernetes objects through.
 */
package io.ocatopic.kube;
