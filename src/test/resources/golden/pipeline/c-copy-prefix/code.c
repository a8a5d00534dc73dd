#include <string.h>
#include <stdio.h>

/* Copy the user's name into a fixed-size buffer and greet them. */
void greet(const char *name) {
    char buf[32];
