/*
 * fake_nvml.c: a test double of the NVML ABI subset that ocatopic binds (libnvidia-ml.so.1).
 *
 * Layouts and signatures follow nvml.h (NVIDIA/go-nvml gen/nvml/nvml.h, NVML 12.x/13.x):
 *   nvmlGpuInstanceProfileInfo_t = 10 x unsigned int + unsigned long long memorySizeMB (48 bytes)
 *   nvmlGpuInstancePlacement_t   = {unsigned int start, size}                          (8 bytes)
 *   nvmlGpuInstanceInfo_t        = {nvmlDevice_t device; uint id; uint profileId; placement} (24 bytes)
 *   nvmlComputeInstanceInfo_t    = {device; gpuInstance; uint id; uint profileId; placement} (32 bytes)
 *   nvmlMemory_t                 = 3 x unsigned long long                               (24 bytes)
 *   nvmlPciInfo_t (v3)           = char busIdLegacy[16]; uint domain, bus, device, pciDeviceId,
 *                                  pciSubSystemId; char busId[32]                        (68 bytes)
 * Placement rules follow the MIG user guide ("A100 MIG profiles", "-lgipp"): an instance sits at one of
 * its profile's allowed starts, memory-slice ranges never overlap, counts stay within instanceCount and
 * the compute slices of all instances stay within 7. Violations give NVML_ERROR_INSUFFICIENT_RESOURCES
 * (23) like the driver; destroying a GPU instance that still has compute instances, or a compute
 * instance with processes, gives NVML_ERROR_IN_USE (19).
 *
 * Devices are chosen by the environment variable FAKE_NVML_DEVICES: comma separated model keys
 * (A100-40GB, H100-80GB), or a device count N (1..16) for N devices alternating A100-40GB, H100-80GB
 * (FAKE_NVML_DEVICES=8: four of each, as benchmarks use); default "A100-40GB,H100-80GB". The same
 * spec can be passed to the hook fakeNvmlReset. Test-only hooks are prefixed fakeNvml.
 *
 * When FAKE_NVML_MUTATIONS names a file, every call that could change MIG state (set MIG mode, create or
 * destroy a GPU or compute instance) appends its name to that file, whatever its outcome: tests of the
 * read-only inspect run it in another process and check the file stays absent.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stddef.h>

typedef int nvmlReturn_t;
enum { OK = 0, UNINIT = 1, INVALID = 2, NOT_SUPPORTED = 3, NOT_FOUND = 6, INSUFF_SIZE = 7,
       IN_USE = 19, INSUFF_RES = 23, UNKNOWN = 999 };

typedef struct { unsigned int start, size; } nvmlGpuInstancePlacement_t;
typedef struct {
    unsigned int id, isP2pSupported, sliceCount, instanceCount, multiprocessorCount, copyEngineCount,
        decoderCount, encoderCount, jpegCount, ofaCount;
    unsigned long long memorySizeMB;
} nvmlGpuInstanceProfileInfo_t;
typedef struct {
    unsigned int id, sliceCount, instanceCount, multiprocessorCount, sharedCopyEngineCount,
        sharedDecoderCount, sharedEncoderCount, sharedJpegCount, sharedOfaCount;
} nvmlComputeInstanceProfileInfo_t;
typedef struct { unsigned long long total, free, used; } nvmlMemory_t;
typedef struct { unsigned int gpu, memory; } nvmlUtilization_t;
typedef struct {
    char busIdLegacy[16];
    unsigned int domain, bus, device, pciDeviceId, pciSubSystemId;
    char busId[32];
} nvmlPciInfo_t;

struct fake_dev;
struct fake_gi;
typedef struct fake_dev *nvmlDevice_t;
typedef struct fake_gi *nvmlGpuInstance_t;
typedef struct fake_ci *nvmlComputeInstance_t;
typedef struct { nvmlDevice_t device; unsigned int id, profileId; nvmlGpuInstancePlacement_t placement; } nvmlGpuInstanceInfo_t;
typedef struct { nvmlDevice_t device; nvmlGpuInstance_t gpuInstance; unsigned int id, profileId;
                 nvmlGpuInstancePlacement_t placement; } nvmlComputeInstanceInfo_t;

/* one GPU instance profile of a model: enum, smi id, compute slices, max, size, starts bitmask, MiB, SMs */
typedef struct { int present; unsigned int id, compute, max, size, starts, mib, sms; } prof_t;
#define NPROF 0x12
typedef struct { const char *key, *name; unsigned int pciId; unsigned long long memMiB; prof_t p[NPROF]; } model_t;

/* A100-SXM4-40GB: MIG UG "GPU Instance Profiles on A100"; go-nvml pkg/nvml/mock/gpus/a100.go (MiB). */
static const model_t A100 = { "A100-40GB", "NVIDIA A100-SXM4-40GB", 0x20B010DE, 40960, {
    [0x0] = {1, 19, 1, 7, 1, 0x7F, 4864, 14},  [0x7] = {1, 20, 1, 1, 1, 0x7F, 4864, 14},
    [0x9] = {1, 15, 1, 4, 2, 0x55, 9856, 14},  [0x1] = {1, 14, 2, 3, 2, 0x15, 9856, 28},
    [0x2] = {1, 9, 3, 2, 4, 0x11, 19968, 42},  [0x3] = {1, 5, 4, 1, 4, 0x01, 19968, 56},
    [0x4] = {1, 0, 7, 1, 8, 0x01, 40192, 98} } };
/* H100-80GB: MIG UG Table 7; placements from an H100 "-lgipp" capture (same as A100). */
static const model_t H100 = { "H100-80GB", "NVIDIA H100 80GB HBM3", 0x233010DE, 81559, {
    [0x0] = {1, 19, 1, 7, 1, 0x7F, 9984, 16},  [0x7] = {1, 20, 1, 1, 1, 0x7F, 9984, 16},
    [0x9] = {1, 15, 1, 4, 2, 0x55, 20096, 26}, [0x1] = {1, 14, 2, 3, 2, 0x15, 20096, 32},
    [0x2] = {1, 9, 3, 2, 4, 0x11, 40320, 60},  [0x3] = {1, 5, 4, 1, 4, 0x01, 40320, 64},
    [0x4] = {1, 0, 7, 1, 8, 0x01, 80896, 132} } };

#define MAXDEV 16
#define MAXGI 8
struct fake_ci { int used; struct fake_gi *gi; unsigned int id, profileId, busy; };
struct fake_gi { int used; struct fake_dev *dev; unsigned int id, profileEnum, profileId, start, size;
                 struct fake_ci ci; };
struct fake_dev { const model_t *m; unsigned int index, migCurrent, migPending; struct fake_gi gi[MAXGI];
                  unsigned int nextGiId; };

static struct fake_dev devs[MAXDEV];
static unsigned int ndev;
static int initCount;
static unsigned long long calls;

static void load_devices(const char *spec) {
    memset(devs, 0, sizeof devs);
    ndev = 0;
    char buf[512];
    snprintf(buf, sizeof buf, "%s", spec ? spec : "A100-40GB,H100-80GB");
    if (buf[0] >= '0' && buf[0] <= '9' && strspn(buf, "0123456789") == strlen(buf)) {
        long n = strtol(buf, NULL, 10);
        for (ndev = 0; ndev < (unsigned int)(n > MAXDEV ? MAXDEV : n); ndev++) {
            devs[ndev].m = ndev % 2 == 0 ? &A100 : &H100;
            devs[ndev].index = ndev;
            devs[ndev].nextGiId = 1;
        }
        return;
    }
    for (char *tok = strtok(buf, ","); tok && ndev < MAXDEV; tok = strtok(NULL, ",")) {
        const model_t *m = strcmp(tok, "H100-80GB") == 0 ? &H100 : strcmp(tok, "A100-40GB") == 0 ? &A100 : NULL;
        if (!m) continue;
        devs[ndev].m = m;
        devs[ndev].index = ndev;
        devs[ndev].nextGiId = 1;
        ndev++;
    }
}

/* ---- test hooks ------------------------------------------------------------------------------- */
/** Resets all state with the given device list (NULL: the environment or the default). */
void fakeNvmlReset(const char *spec) { load_devices(spec ? spec : getenv("FAKE_NVML_DEVICES")); initCount = 0; }
/** Marks the compute instance of the GPU instance at memory slice start busy (processes running). */
int fakeNvmlSetBusy(unsigned int dev, unsigned int start, unsigned int busy) {
    if (dev >= ndev) return NOT_FOUND;
    for (int i = 0; i < MAXGI; i++) {
        struct fake_gi *g = &devs[dev].gi[i];
        if (g->used && g->start == start && g->ci.used) { g->ci.busy = busy; return OK; }
    }
    return NOT_FOUND;
}
/** sizeof/offsetof of the structs as this compiler lays them out, for layout tests. */
void fakeNvmlLayout(unsigned int *out) {
    out[0] = sizeof(nvmlGpuInstanceProfileInfo_t);
    out[1] = offsetof(nvmlGpuInstanceProfileInfo_t, memorySizeMB);
    out[2] = sizeof(nvmlGpuInstancePlacement_t);
    out[3] = sizeof(nvmlGpuInstanceInfo_t);
    out[4] = offsetof(nvmlGpuInstanceInfo_t, placement);
    out[5] = sizeof(nvmlComputeInstanceInfo_t);
    out[6] = sizeof(nvmlMemory_t);
    out[7] = sizeof(nvmlPciInfo_t);
    out[8] = offsetof(nvmlPciInfo_t, pciDeviceId);
    out[9] = sizeof(nvmlComputeInstanceProfileInfo_t);
}
/** How many NVML entry points were called since load. */
unsigned long long fakeNvmlCalls(void) { return calls; }

/* ---- NVML ------------------------------------------------------------------------------------- */
static const char *ERRS[] = { "Success", "Uninitialized", "Invalid Argument", "Not Supported",
    "Insufficient Permissions", "Already Initialized", "Not Found", "Insufficient Size" };
const char *nvmlErrorString(nvmlReturn_t r) {
    if (r >= 0 && r < (int)(sizeof ERRS / sizeof *ERRS)) return ERRS[r];
    if (r == IN_USE) return "In use by another client";
    if (r == INSUFF_RES) return "Insufficient Resources";
    return "Unknown Error";
}
static void note_mutation(const char *fn) {
    const char *path = getenv("FAKE_NVML_MUTATIONS");
    if (path && *path) {
        FILE *f = fopen(path, "a");
        if (f) { fprintf(f, "%s\n", fn); fclose(f); }
    }
}

nvmlReturn_t nvmlInit_v2(void) {
    if (ndev == 0 && devs[0].m == NULL) load_devices(getenv("FAKE_NVML_DEVICES"));
    initCount++;
    return OK;
}
nvmlReturn_t nvmlInitWithFlags(unsigned int flags) { (void)flags; return nvmlInit_v2(); }
nvmlReturn_t nvmlShutdown(void) { if (initCount == 0) return UNINIT; initCount--; return OK; }

#define CHECK_INIT() do { calls++; if (initCount == 0) return UNINIT; } while (0)
#define CHECK_DEV(d) do { CHECK_INIT(); if ((d) == NULL || (d) < devs || (d) >= devs + ndev) return INVALID; } while (0)

nvmlReturn_t nvmlDeviceGetCount_v2(unsigned int *count) {
    CHECK_INIT(); if (!count) return INVALID; *count = ndev; return OK;
}
nvmlReturn_t nvmlDeviceGetHandleByIndex_v2(unsigned int index, nvmlDevice_t *device) {
    CHECK_INIT(); if (!device || index >= ndev) return INVALID; *device = &devs[index]; return OK;
}
static nvmlReturn_t copy_str(char *dst, unsigned int len, const char *src) {
    if (!dst) return INVALID;
    if (strlen(src) + 1 > len) return INSUFF_SIZE;
    memcpy(dst, src, strlen(src) + 1);
    return OK;
}
nvmlReturn_t nvmlDeviceGetName(nvmlDevice_t d, char *name, unsigned int length) {
    CHECK_DEV(d); return copy_str(name, length, d->m->name);
}
nvmlReturn_t nvmlDeviceGetUUID(nvmlDevice_t d, char *uuid, unsigned int length) {
    CHECK_DEV(d);
    char b[96];
    snprintf(b, sizeof b, "GPU-fa4e0000-0000-4000-8000-%012x", d->index);
    return copy_str(uuid, length, b);
}
nvmlReturn_t nvmlDeviceGetPciInfo_v3(nvmlDevice_t d, nvmlPciInfo_t *pci) {
    CHECK_DEV(d); if (!pci) return INVALID;
    memset(pci, 0, sizeof *pci);
    pci->domain = 0; pci->bus = 0x41 + d->index; pci->device = 0; pci->pciDeviceId = d->m->pciId;
    pci->pciSubSystemId = 0x145F10DE;
    snprintf(pci->busIdLegacy, sizeof pci->busIdLegacy, "0000:%02X:00.0", pci->bus);
    snprintf(pci->busId, sizeof pci->busId, "00000000:%02X:00.0", pci->bus);
    return OK;
}
static unsigned long long used_mib(nvmlDevice_t d) {
    unsigned long long u = 0;
    for (int i = 0; i < MAXGI; i++) if (d->gi[i].used) u += d->m->p[d->gi[i].profileEnum].mib;
    return u;
}
nvmlReturn_t nvmlDeviceGetMemoryInfo(nvmlDevice_t d, nvmlMemory_t *mem) {
    CHECK_DEV(d); if (!mem) return INVALID;
    mem->total = d->m->memMiB << 20;
    mem->used = (512ULL + used_mib(d)) << 20;
    mem->free = mem->total - mem->used;
    return OK;
}
nvmlReturn_t nvmlDeviceGetUtilizationRates(nvmlDevice_t d, nvmlUtilization_t *u) {
    CHECK_DEV(d); if (!u) return INVALID;
    if (d->migCurrent) return NOT_SUPPORTED; /* nvml.h: not supported on MIG-enabled GPUs */
    u->gpu = (unsigned int)(calls % 100); u->memory = 7;
    return OK;
}
nvmlReturn_t nvmlDeviceGetTemperature(nvmlDevice_t d, int sensor, unsigned int *temp) {
    CHECK_DEV(d); if (!temp || sensor != 0) return INVALID; *temp = 40 + d->index; return OK;
}
nvmlReturn_t nvmlDeviceGetPowerUsage(nvmlDevice_t d, unsigned int *mw) {
    CHECK_DEV(d); if (!mw) return INVALID; *mw = 61000 + 1000 * d->index; return OK;
}
nvmlReturn_t nvmlDeviceGetMigMode(nvmlDevice_t d, unsigned int *cur, unsigned int *pending) {
    CHECK_DEV(d); if (!cur || !pending) return INVALID;
    *cur = d->migCurrent; *pending = d->migPending; return OK;
}
static int gi_count(nvmlDevice_t d) { int n = 0; for (int i = 0; i < MAXGI; i++) n += d->gi[i].used; return n; }
nvmlReturn_t nvmlDeviceSetMigMode(nvmlDevice_t d, unsigned int mode, nvmlReturn_t *activation) {
    note_mutation("nvmlDeviceSetMigMode");
    CHECK_DEV(d); if (mode > 1 || !activation) return INVALID;
    if (gi_count(d) > 0) { *activation = IN_USE; return IN_USE; }
    d->migCurrent = d->migPending = mode; /* Hopper-style: no reset needed */
    *activation = OK;
    return OK;
}
static const prof_t *by_enum(nvmlDevice_t d, unsigned int e) {
    return e < NPROF && d->m->p[e].present ? &d->m->p[e] : NULL;
}
static int enum_by_id(nvmlDevice_t d, unsigned int id) {
    for (int e = 0; e < NPROF; e++) if (d->m->p[e].present && d->m->p[e].id == id) return e;
    return -1;
}
nvmlReturn_t nvmlDeviceGetGpuInstanceProfileInfo(nvmlDevice_t d, unsigned int profile, nvmlGpuInstanceProfileInfo_t *info) {
    CHECK_DEV(d); if (!info || profile >= NPROF) return INVALID;
    const prof_t *p = by_enum(d, profile);
    if (!p) return NOT_SUPPORTED;
    memset(info, 0, sizeof *info);
    info->id = p->id; info->isP2pSupported = 0; info->sliceCount = p->compute; info->instanceCount = p->max;
    info->multiprocessorCount = p->sms; info->copyEngineCount = p->compute == 7 ? 7 : p->compute;
    info->decoderCount = p->compute == 7 ? 5 : (p->size >= 2 ? 1 : 0); info->encoderCount = 0;
    info->jpegCount = p->compute == 7 ? 1 : 0; info->ofaCount = (profile == 0x7 || p->compute == 7) ? 1 : 0;
    info->memorySizeMB = p->mib;
    return OK;
}
nvmlReturn_t nvmlDeviceGetGpuInstancePossiblePlacements_v2(nvmlDevice_t d, unsigned int profileId,
        nvmlGpuInstancePlacement_t *placements, unsigned int *count) {
    CHECK_DEV(d); if (!count) return INVALID;
    int e = enum_by_id(d, profileId);
    if (e < 0) return INVALID;
    const prof_t *p = &d->m->p[e];
    unsigned int n = 0;
    for (unsigned int s = 0; s < 8; s++) if (p->starts & (1u << s)) n++;
    if (!placements) { *count = n; return OK; }
    if (*count < n) { *count = n; return INSUFF_SIZE; }
    n = 0;
    for (unsigned int s = 0; s < 8; s++) if (p->starts & (1u << s)) { placements[n].start = s; placements[n].size = p->size; n++; }
    *count = n;
    return OK;
}
/* the rules: allowed start, no overlap, count within max, compute slices within 7 */
static nvmlReturn_t can_place(nvmlDevice_t d, int e, unsigned int start) {
    const prof_t *p = &d->m->p[e];
    if (start >= 8 || !(p->starts & (1u << start))) return INVALID;
    unsigned int compute = p->compute, same = 0, mask = ((1u << p->size) - 1) << start, occupied = 0;
    for (int i = 0; i < MAXGI; i++) {
        struct fake_gi *g = &d->gi[i];
        if (!g->used) continue;
        compute += d->m->p[g->profileEnum].compute;
        if ((int)g->profileEnum == e) same++;
        occupied |= ((1u << g->size) - 1) << g->start;
    }
    if (occupied & mask) return INSUFF_RES;
    if (same + 1 > p->max || compute > 7) return INSUFF_RES;
    return OK;
}
static nvmlReturn_t create_at(nvmlDevice_t d, int e, unsigned int start, nvmlGpuInstance_t *out) {
    for (int i = 0; i < MAXGI; i++) {
        struct fake_gi *g = &d->gi[i];
        if (g->used) continue;
        memset(g, 0, sizeof *g);
        g->used = 1; g->dev = d; g->id = d->nextGiId++; g->profileEnum = e; g->profileId = d->m->p[e].id;
        g->start = start; g->size = d->m->p[e].size;
        *out = g;
        return OK;
    }
    return INSUFF_RES;
}
nvmlReturn_t nvmlDeviceCreateGpuInstanceWithPlacement(nvmlDevice_t d, unsigned int profileId,
        const nvmlGpuInstancePlacement_t *placement, nvmlGpuInstance_t *out) {
    note_mutation("nvmlDeviceCreateGpuInstanceWithPlacement");
    CHECK_DEV(d); if (!placement || !out) return INVALID;
    if (!d->migCurrent) return NOT_SUPPORTED;
    int e = enum_by_id(d, profileId);
    if (e < 0 || placement->size != d->m->p[e].size) return INVALID;
    nvmlReturn_t r = can_place(d, e, placement->start);
    return r != OK ? r : create_at(d, e, placement->start, out);
}
/* without a placement the driver picks; this double takes the lowest free allowed start (first fit) */
nvmlReturn_t nvmlDeviceCreateGpuInstance(nvmlDevice_t d, unsigned int profileId, nvmlGpuInstance_t *out) {
    note_mutation("nvmlDeviceCreateGpuInstance");
    CHECK_DEV(d); if (!out) return INVALID;
    if (!d->migCurrent) return NOT_SUPPORTED;
    int e = enum_by_id(d, profileId);
    if (e < 0) return INVALID;
    for (unsigned int s = 0; s < 8; s++)
        if (can_place(d, e, s) == OK) return create_at(d, e, s, out);
    return INSUFF_RES;
}
nvmlReturn_t nvmlDeviceGetGpuInstanceRemainingCapacity(nvmlDevice_t d, unsigned int profileId, unsigned int *count) {
    CHECK_DEV(d); if (!count) return INVALID;
    int e = enum_by_id(d, profileId);
    if (e < 0) return INVALID;
    unsigned int n = 0;
    for (unsigned int s = 0; s < 8; s++) if (can_place(d, e, s) == OK) n++;
    *count = n;
    return OK;
}
nvmlReturn_t nvmlDeviceGetGpuInstances(nvmlDevice_t d, unsigned int profileId, nvmlGpuInstance_t *gis, unsigned int *count) {
    CHECK_DEV(d); if (!count) return INVALID;
    if (!d->migCurrent) return NOT_SUPPORTED;
    unsigned int n = 0;
    for (int i = 0; i < MAXGI; i++) if (d->gi[i].used && d->gi[i].profileId == profileId) n++;
    if (!gis) { *count = n; return OK; }
    if (*count < n) { *count = n; return INSUFF_SIZE; }
    n = 0;
    for (int i = 0; i < MAXGI; i++) if (d->gi[i].used && d->gi[i].profileId == profileId) gis[n++] = &d->gi[i];
    *count = n;
    return OK;
}
nvmlReturn_t nvmlDeviceGetGpuInstanceById(nvmlDevice_t d, unsigned int id, nvmlGpuInstance_t *out) {
    CHECK_DEV(d); if (!out) return INVALID;
    for (int i = 0; i < MAXGI; i++) if (d->gi[i].used && d->gi[i].id == id) { *out = &d->gi[i]; return OK; }
    return NOT_FOUND;
}
#define CHECK_GI(g) do { CHECK_INIT(); if ((g) == NULL || !(g)->used) return INVALID; } while (0)
nvmlReturn_t nvmlGpuInstanceGetInfo(nvmlGpuInstance_t g, nvmlGpuInstanceInfo_t *info) {
    CHECK_GI(g); if (!info) return INVALID;
    info->device = g->dev; info->id = g->id; info->profileId = g->profileId;
    info->placement.start = g->start; info->placement.size = g->size;
    return OK;
}
nvmlReturn_t nvmlGpuInstanceGetComputeInstanceProfileInfo(nvmlGpuInstance_t g, unsigned int profile,
        unsigned int engProfile, nvmlComputeInstanceProfileInfo_t *info) {
    CHECK_GI(g); if (!info || engProfile != 0) return INVALID;
    static const unsigned int slices[] = {1, 2, 3, 4, 7};
    if (profile > 4) return NOT_SUPPORTED;
    unsigned int gc = g->dev->m->p[g->profileEnum].compute;
    if (slices[profile] > gc) return NOT_SUPPORTED;
    memset(info, 0, sizeof *info);
    info->id = profile; info->sliceCount = slices[profile]; info->instanceCount = gc / slices[profile];
    info->multiprocessorCount = g->dev->m->p[g->profileEnum].sms * slices[profile] / gc;
    return OK;
}
nvmlReturn_t nvmlGpuInstanceCreateComputeInstance(nvmlGpuInstance_t g, unsigned int profileId, nvmlComputeInstance_t *out) {
    note_mutation("nvmlGpuInstanceCreateComputeInstance");
    CHECK_GI(g); if (!out || profileId > 4) return INVALID;
    if (g->ci.used) return INSUFF_RES; /* this double supports one compute instance per GPU instance */
    g->ci.used = 1; g->ci.gi = g; g->ci.id = 0; g->ci.profileId = profileId; g->ci.busy = 0;
    *out = &g->ci;
    return OK;
}
nvmlReturn_t nvmlGpuInstanceGetComputeInstances(nvmlGpuInstance_t g, unsigned int profileId, nvmlComputeInstance_t *cis, unsigned int *count) {
    CHECK_GI(g); if (!count) return INVALID;
    unsigned int n = g->ci.used && g->ci.profileId == profileId ? 1 : 0;
    if (!cis) { *count = n; return OK; }
    if (*count < n) { *count = n; return INSUFF_SIZE; }
    if (n) cis[0] = &g->ci;
    *count = n;
    return OK;
}
nvmlReturn_t nvmlComputeInstanceGetInfo_v2(nvmlComputeInstance_t c, nvmlComputeInstanceInfo_t *info) {
    CHECK_INIT(); if (!c || !c->used || !info) return INVALID;
    info->device = c->gi->dev; info->gpuInstance = c->gi; info->id = c->id; info->profileId = c->profileId;
    info->placement.start = 0; info->placement.size = c->gi->dev->m->p[c->gi->profileEnum].compute;
    return OK;
}
nvmlReturn_t nvmlComputeInstanceDestroy(nvmlComputeInstance_t c) {
    note_mutation("nvmlComputeInstanceDestroy");
    CHECK_INIT(); if (!c || !c->used) return INVALID;
    if (c->busy) return IN_USE;
    c->used = 0;
    return OK;
}
nvmlReturn_t nvmlGpuInstanceDestroy(nvmlGpuInstance_t g) {
    note_mutation("nvmlGpuInstanceDestroy");
    CHECK_GI(g);
    if (g->ci.used) return IN_USE;
    g->used = 0;
    return OK;
}
