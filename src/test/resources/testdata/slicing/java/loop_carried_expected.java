// == vulnerable slice ==
public static byte[] readAll(InputStream in, int max) throws IOException {
    byte[] buf = new byte[max];
    int total = 0;
    // ...
    while ((n = in.read(buf, total, 4096)) > 0) {
        total = total + n;
    }
    LOG.fine("read " + total);
    return Arrays.copyOf(buf, total);
}
// == secure slice ==
public static byte[] readAll(InputStream in, int max) throws IOException {
    byte[] buf = new byte[max];
    int total = 0;
    // ...
    while ((n = in.read(buf, total, Math.min(4096, max - total))) > 0) {
        total = total + n;
    }
    LOG.fine("read " + total);
    return Arrays.copyOf(buf, total);
}
