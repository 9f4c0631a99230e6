/** Typed ACM (Open Cluster Management) resources shared by several ocatopic modules. */
package io.ocatopic.kube.acm;
