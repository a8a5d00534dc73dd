// == vulnerable slice ==
int copy_name(char *dst, const char *src, int cap)
{
    int i = 0;
    // ...
    while (src[i] != '\0') {
        dst[i] = src[i];
        i = i + 1;
    }
    // ...
    dst[i] = '\0';
    return i;
}
// == secure slice ==
int copy_name(char *dst, const char *src, int cap)
{
    int i = 0;
    // ...
    while (src[i] != '\0' && i < cap - 1) {
        dst[i] = src[i];
        i = i + 1;
    }
    // ...
    dst[i] = '\0';
    return i;
}
