int main(void) {
    // print the squares of 1, 2 and 3, one a line
