// == vulnerable ==
public File resolve(String name) {
    requests.incrementAndGet();
    String label = "resolve:" + name;
    audit.record(label);
    File file = new File(root, name);
    return file;
}
// == secure ==
public File resolve(String name) {
    requests.incrementAndGet();
    String label = "resolve:" + name;
    audit.record(label);
    File file = new File(root, name);
    if (!file.getCanonicalPath().startsWith(root.getCanonicalPath() + File.separator)) {  // POI
        throw new SecurityException("outside root: " + name);  // POI
    }  // POI
    return file;
}
