/* Peer of NvmlBenchmark: calls the hot NVML getters of the test double (or any libnvidia-ml.so.1) from C,
 * through dlopen/dlsym like an NVML client, round robin over every device, for a fixed time per getter.
 * Usage: nvml_getters LIBRARY SECONDS_PER_GETTER (FAKE_NVML_DEVICES selects the double's devices).
 * Prints one line per getter: "<getter> <calls> <nanoseconds>"; exit 2 when a call fails. */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef void *nvmlDevice_t;
typedef struct { unsigned long long total, free, used; } nvmlMemory_t;
typedef struct { unsigned int gpu, memory; } nvmlUtilization_t;

static long long now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void *sym(void *lib, const char *name) {
    void *f = dlsym(lib, name);
    if (!f) { fprintf(stderr, "missing %s\n", name); exit(1); }
    return f;
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: nvml_getters LIBRARY SECONDS\n"); return 1; }
    double seconds = atof(argv[2]);
    void *lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (!lib) { fprintf(stderr, "%s\n", dlerror()); return 1; }
    int (*init)(void) = (int (*)(void))sym(lib, "nvmlInit_v2");
    int (*count)(unsigned int *) = (int (*)(unsigned int *))sym(lib, "nvmlDeviceGetCount_v2");
    int (*handle)(unsigned int, nvmlDevice_t *) = (int (*)(unsigned int, nvmlDevice_t *))sym(lib, "nvmlDeviceGetHandleByIndex_v2");
    int (*memory)(nvmlDevice_t, nvmlMemory_t *) = (int (*)(nvmlDevice_t, nvmlMemory_t *))sym(lib, "nvmlDeviceGetMemoryInfo");
    int (*util)(nvmlDevice_t, nvmlUtilization_t *) = (int (*)(nvmlDevice_t, nvmlUtilization_t *))sym(lib, "nvmlDeviceGetUtilizationRates");
    int (*temp)(nvmlDevice_t, int, unsigned int *) = (int (*)(nvmlDevice_t, int, unsigned int *))sym(lib, "nvmlDeviceGetTemperature");
    int (*power)(nvmlDevice_t, unsigned int *) = (int (*)(nvmlDevice_t, unsigned int *))sym(lib, "nvmlDeviceGetPowerUsage");
    unsigned int n = 0;
    if (init() != 0 || count(&n) != 0 || n == 0) { fprintf(stderr, "init failed\n"); return 1; }
    nvmlDevice_t dev[64];
    if (n > 64) n = 64;
    for (unsigned int i = 0; i < n; i++) if (handle(i, &dev[i]) != 0) { fprintf(stderr, "handle %u\n", i); return 1; }
    const char *names[] = {"memory", "utilization", "temperature", "power"};
    volatile unsigned long long sink = 0;
    for (int g = 0; g < 4; g++) {
        for (int pass = 0; pass < 2; pass++) { /* pass 0 warms up for a tenth of the time */
            long long calls = 0, t0 = now_ns(), deadline = t0 + (long long)(seconds * (pass ? 1e9 : 1e8)), t1;
            int rc = 0;
            do {
                for (int k = 0; k < 1024; k++) {
                    nvmlDevice_t d = dev[(calls + k) % n];
                    nvmlMemory_t m; nvmlUtilization_t u; unsigned int v;
                    switch (g) {
                    case 0: rc |= memory(d, &m); sink += m.used; break;
                    case 1: rc |= util(d, &u); sink += u.gpu; break;
                    case 2: rc |= temp(d, 0, &v); sink += v; break;
                    default: rc |= power(d, &v); sink += v; break;
                    }
                }
                calls += 1024;
                t1 = now_ns();
            } while (t1 < deadline);
            if (rc != 0) { fprintf(stderr, "%s failed\n", names[g]); return 2; }
            if (pass) printf("%s %lld %lld\n", names[g], calls, t1 - t0);
        }
    }
    return sink == 42 ? 3 : 0;
}
