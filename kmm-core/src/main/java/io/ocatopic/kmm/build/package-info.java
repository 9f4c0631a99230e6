/**
 * Local builds of kmod images on any Docker-API engine: compile per kernel with kbuild, sign the
 * {@code .ko} files outside any image, build a busybox-based image with depmod output, push it through the
 * registry HTTP API and report it by digest ({@link io.ocatopic.kmm.build.ModuleImageBuild}).
 */
package io.ocatopic.kmm.build;
