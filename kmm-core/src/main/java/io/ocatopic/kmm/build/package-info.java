/**
 * Local builds of kmod images on any Docker-API engine: the {@link io.ocatopic.kmm.build.ContainerEngine}
 * a build runs on and the {@link io.ocatopic.kmm.build.BuildResult} it reports (one image per kernel, by
 * digest). The pipeline itself is {@code io.ocatopic.kmm.ModuleBuilder#build}.
 */
package io.ocatopic.kmm.build;
