// == vulnerable slice ==
public File resolve(String name) {
    // ...
    File file = new File(root, name);
    return file;
}
// == secure slice ==
public File resolve(String name) {
    // ...
    File file = new File(root, name);
    if (!file.getCanonicalPath().startsWith(root.getCanonicalPath() + File.separator)) {
        throw new SecurityException("outside root: " + name);
    }
    return file;
}
