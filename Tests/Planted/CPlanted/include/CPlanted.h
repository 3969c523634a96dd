#ifndef SEAM_CPLANTED_H
#define SEAM_CPLANTED_H
// Planted bugs, one per sanitizer, for the matrix to prove each variant catches its kind.
// Test-only: never linked into a shipped target.
int planted_heap_overflow(int index);      // ASan: writes buffer[index] of an 8-byte buffer
int planted_signed_overflow(int value);    // UBSan: value + INT_MAX
void *planted_leak(int size);              // LSan: returns nothing, keeps no pointer
int planted_data_race(void);               // TSan: two threads increment one int unguarded
#endif
