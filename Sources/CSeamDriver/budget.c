#define _GNU_SOURCE
#include "CSeamDriver.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// ---- Running on a thread with a chosen stack ----

typedef struct {
    seam_thread_body_fn body;
    void *context;
    size_t altstack_size;
} seam_thread_start;

static void *seam_thread_main(void *argument) {
    seam_thread_start *start = argument;
    // A stack overflow raises SIGSEGV on the exhausted stack itself: without an alternate
    // stack no handler (libFuzzer's, the sanitizer's) can run, and the process dies without a
    // report. The sanitizers install one on their threads; this covers the plain build.
    stack_t alternate = {.ss_sp = malloc(start->altstack_size), .ss_size = start->altstack_size, .ss_flags = 0};
    stack_t previous;
    int installed = 0;
    if (alternate.ss_sp != NULL && sigaltstack(NULL, &previous) == 0 && (previous.ss_flags & SS_DISABLE)) {
        installed = sigaltstack(&alternate, NULL) == 0;
    }
    start->body(start->context);
    if (installed) {
        stack_t disable = {.ss_sp = NULL, .ss_size = 0, .ss_flags = SS_DISABLE};
        sigaltstack(&disable, NULL);
    }
    free(alternate.ss_sp);
    return NULL;
}

int seam_run_on_thread(size_t stack_bytes, seam_thread_body_fn body, void *context) {
    long page = sysconf(_SC_PAGESIZE);
    size_t minimum = (size_t)PTHREAD_STACK_MIN;
    if (stack_bytes < minimum) stack_bytes = minimum;
    stack_bytes = (stack_bytes + (size_t)page - 1) / (size_t)page * (size_t)page;
    pthread_attr_t attributes;
    int status = pthread_attr_init(&attributes);
    if (status != 0) return status;
    status = pthread_attr_setstacksize(&attributes, stack_bytes);
    seam_thread_start start = {body, context, 64 * 1024};
    pthread_t thread;
    if (status == 0) status = pthread_create(&thread, &attributes, seam_thread_main, &start);
    pthread_attr_destroy(&attributes);
    if (status != 0) return status;
    // libFuzzer's -timeout is a SIGALRM whose handler does nothing on a thread other than
    // the one running inputs (see seam_alarm_only_here): this one only waits.
    sigset_t alarm, previous;
    sigemptyset(&alarm);
    sigaddset(&alarm, SIGALRM);
    pthread_sigmask(SIG_BLOCK, &alarm, &previous);
    status = pthread_join(thread, NULL);
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
    return status;
}

size_t seam_current_stack_size(void) {
    pthread_attr_t attributes;
    size_t size = 0;
    if (pthread_getattr_np(pthread_self(), &attributes) != 0) return 0;
    pthread_attr_getstacksize(&attributes, &size);
    pthread_attr_destroy(&attributes);
    return size;
}

void seam_alarm_only_here(int only_here) {
    sigset_t alarm;
    sigemptyset(&alarm);
    sigaddset(&alarm, SIGALRM);
    pthread_sigmask(only_here ? SIG_UNBLOCK : SIG_BLOCK, &alarm, NULL);
}

// ---- Peak memory of one input ----

// The sanitizer runtimes (ASan, TSan, LSan, MSan) call these hooks on every allocation and
// free; the allocated size of a block being freed is still known in the free hook. In a build
// without them, the process's peak resident size stands in (reset through clear_refs).
extern int __sanitizer_install_malloc_and_free_hooks(void (*malloc_hook)(const volatile void *, size_t),
                                                     void (*free_hook)(const volatile void *)) __attribute__((weak));
extern size_t __sanitizer_get_allocated_size(const volatile void *pointer) __attribute__((weak));

static _Atomic long long live_bytes;
static _Atomic long long peak_bytes;
static long long window_start;
static int hooks_installed;

static void seam_malloc_hook(const volatile void *pointer, size_t size) {
    (void)pointer;
    long long now = atomic_fetch_add_explicit(&live_bytes, (long long)size, memory_order_relaxed) + (long long)size;
    long long peak = atomic_load_explicit(&peak_bytes, memory_order_relaxed);
    while (now > peak && !atomic_compare_exchange_weak_explicit(&peak_bytes, &peak, now, memory_order_relaxed,
                                                                memory_order_relaxed)) {
    }
}

static void seam_free_hook(const volatile void *pointer) {
    if (pointer == NULL) return;
    atomic_fetch_sub_explicit(&live_bytes, (long long)__sanitizer_get_allocated_size(pointer), memory_order_relaxed);
}

static long long seam_status_kib(const char *field) {
    FILE *status = fopen("/proc/self/status", "r");
    if (status == NULL) return -1;
    char line[256];
    size_t length = strlen(field);
    long long value = -1;
    while (fgets(line, sizeof line, status) != NULL) {
        if (strncmp(line, field, length) == 0) {
            value = atoll(line + length);
            break;
        }
    }
    fclose(status);
    return value;
}

int seam_memory_tracking_exact(void) {
    if (!hooks_installed && __sanitizer_install_malloc_and_free_hooks != NULL && __sanitizer_get_allocated_size != NULL) {
        hooks_installed = __sanitizer_install_malloc_and_free_hooks(seam_malloc_hook, seam_free_hook) != 0;
    }
    return hooks_installed;
}

void seam_memory_window_begin(void) {
    if (seam_memory_tracking_exact()) {
        window_start = atomic_load_explicit(&live_bytes, memory_order_relaxed);
        atomic_store_explicit(&peak_bytes, window_start, memory_order_relaxed);
        return;
    }
    FILE *clear = fopen("/proc/self/clear_refs", "w");
    if (clear != NULL) {
        fputs("5", clear);  // resets VmHWM to the current resident size
        fclose(clear);
    }
    window_start = seam_status_kib("VmRSS:") * 1024;
}

long long seam_memory_window_peak_growth(void) {
    if (hooks_installed) return atomic_load_explicit(&peak_bytes, memory_order_relaxed) - window_start;
    long long peak = seam_status_kib("VmHWM:") * 1024;
    return peak < 0 || window_start < 0 ? 0 : peak - window_start;
}
