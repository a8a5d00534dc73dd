// == vulnerable slice ==
int read_item(struct table *t, int index, int *out)
{
    // ...
    counter_inc(&t->reads);
    // ...
    *out = t->items[index];
    status = 1;
    return status;
}
// == secure slice ==
int read_item(struct table *t, int index, int *out)
{
    // ...
    counter_inc(&t->reads);
    // ...
    if (index < 0 || index >= t->count)
        return -1;
    *out = t->items[index];
    status = 1;
    return status;
}
