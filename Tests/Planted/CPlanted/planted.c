#include "CPlanted.h"

#include <limits.h>
#include <pthread.h>
#include <stdlib.h>

int planted_heap_overflow(int index) {
    char *buffer = malloc(8);
    buffer[index] = 1;
    int value = buffer[index];
    free(buffer);
    return value;
}

int planted_signed_overflow(int value) {
    return value + INT_MAX;
}

void *planted_leak(int size) {
    void *lost = malloc((size_t)size);
    ((volatile char *)lost)[0] = 1;
    lost = NULL;
    return lost;
}

static int shared_counter;

static void *increment(void *unused) {
    (void)unused;
    for (int i = 0; i < 100000; i++) shared_counter++;
    return NULL;
}

int planted_data_race(void) {
    pthread_t a, b;
    pthread_create(&a, NULL, increment, NULL);
    pthread_create(&b, NULL, increment, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return shared_counter;
}
