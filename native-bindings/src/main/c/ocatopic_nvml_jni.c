/*
 * JNI trampolines for NVML's hot getters (io.ocatopic.nvml.NvmlJni).
 *
 * JNA resolves the symbols and hands their addresses here; these functions only make the call, so a
 * getter costs one JNI transition (about 10 ns) instead of JNA's generic dispatch (about 200 ns). They
 * know nothing of NVML beyond the two C signatures the hot getters share:
 *   nvmlReturn_t f(nvmlDevice_t device, T *out)              memory, utilization, power
 *   nvmlReturn_t f(nvmlDevice_t device, int arg, T *out)      temperature (arg: the sensor)
 * The out-pointers are native buffers owned by the Java caller.
 */
#include <jni.h>
#include <stdint.h>

typedef int (*nvml_pp_fn)(void *, void *);
typedef int (*nvml_pip_fn)(void *, int, void *);

JNIEXPORT jint JNICALL Java_io_ocatopic_nvml_NvmlJni_callPP(JNIEnv *env, jclass cls, jlong fn, jlong a, jlong out) {
    (void)env; (void)cls;
    return ((nvml_pp_fn)(intptr_t)fn)((void *)(intptr_t)a, (void *)(intptr_t)out);
}

JNIEXPORT jint JNICALL Java_io_ocatopic_nvml_NvmlJni_callPIP(JNIEnv *env, jclass cls, jlong fn, jlong a, jint arg, jlong out) {
    (void)env; (void)cls;
    return ((nvml_pip_fn)(intptr_t)fn)((void *)(intptr_t)a, (int)arg, (void *)(intptr_t)out);
}

/* The version of this file's calling contract; NvmlJni checks it after loading. */
JNIEXPORT jint JNICALL Java_io_ocatopic_nvml_NvmlJni_abiVersion(JNIEnv *env, jclass cls) {
    (void)env; (void)cls;
    return 1;
}
