// == vulnerable ==
public static byte[] readAll(InputStream in, int max) throws IOException {
    byte[] buf = new byte[max];
    int total = 0;
    int n;
    LOG.fine("reading");
    while ((n = in.read(buf, total, 4096)) > 0) {  // POI
        total = total + n;
    }
    LOG.fine("read " + total);
    return Arrays.copyOf(buf, total);
}
// == secure ==
public static byte[] readAll(InputStream in, int max) throws IOException {
    byte[] buf = new byte[max];
    int total = 0;
    int n;
    LOG.fine("reading");
    while ((n = in.read(buf, total, Math.min(4096, max - total))) > 0) {  // POI
        total = total + n;
    }
    LOG.fine("read " + total);
    return Arrays.copyOf(buf, total);
}
