package io.ocatopic.kmm.internal.resources;

import io.fabric8.kubernetes.client.CustomResource;

/**
 * The base of the KMM custom resources ocatopic renders: a spec held as a record and no status (ocatopic
 * writes specs; the operator owns status).
 *
 * @param <S> the spec record
 */
public abstract class KmmResource<S> extends CustomResource<S, Void> {
    private static final long serialVersionUID = 1L;

    /** Creates an empty object. */
    protected KmmResource() {
    }

    /** No default spec: a record has no no-argument constructor for fabric8 to call. */
    @Override
    protected S initSpec() {
        return null;
    }
}
