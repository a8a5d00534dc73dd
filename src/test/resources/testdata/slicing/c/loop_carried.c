// == vulnerable ==
int copy_name(char *dst, const char *src, int cap)
{
    int i = 0;
    int total = 0;
    log_event("copy");
    while (src[i] != '\0') {
        dst[i] = src[i];  // POI
        i = i + 1;
    }
    total = total + 1;
    dst[i] = '\0';
    return i;
}
// == secure ==
int copy_name(char *dst, const char *src, int cap)
{
    int i = 0;
    int total = 0;
    log_event("copy");
    while (src[i] != '\0' && i < cap - 1) {  // POI
        dst[i] = src[i];
        i = i + 1;
    }
    total = total + 1;
    dst[i] = '\0';
    return i;
}
